package org.pc2seg.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pc2seg.ml.train.DeviceChoice;
import org.pc2seg.ml.train.Method;
import org.pc2seg.ml.train.RunFolder;
import org.pc2seg.ml.train.TrainConfig;
import org.pc2seg.ml.train.TrainConfigBuilder;

/**
 * Whether an {@code experiment} run folder already holds a finished run of the same settings, so
 * that {@code --resume} can keep it. Settings that do not change the result (engine threads, data
 * workers, device choice; for a supervised run also the unlabeled batch and the settings of the
 * unlabeled losses) are ignored; everything else, the seed included, must match.
 */
final class ExperimentResume {

  private ExperimentResume() {}

  /**
   * True when {@code dir} has a {@code metrics.json} of a completed run of {@code cfg.steps()}
   * steps and a {@code config.json} equal to {@code cfg} up to threads, workers and device, with
   * {@code labeledImages} labeled images (the batch-norm mode {@code auto} is compared as what it
   * means for them, so a run stored as {@code shared} is kept where {@code auto} means shared).
   */
  static boolean finished(Path dir, TrainConfig cfg, int labeledImages) {
    Path metrics = dir.resolve(RunFolder.METRICS);
    Path config = dir.resolve(RunFolder.CONFIG);
    if (!Files.exists(metrics) || !Files.exists(config)) {
      return false;
    }
    try {
      JsonObject m = JsonParser.parseString(Files.readString(metrics)).getAsJsonObject();
      JsonElement reason = m.get("stop_reason");
      JsonElement steps = m.get("steps_done");
      if (reason == null
          || !"completed".equals(reason.getAsString())
          || steps == null
          || steps.getAsInt() != cfg.steps()) {
        return false;
      }
      TrainConfig stored = TrainConfig.fromJson(Files.readString(config));
      return comparable(stored, labeledImages).equals(comparable(cfg, labeledImages));
    } catch (IOException | RuntimeException e) {
      return false; // unreadable or malformed: train it again
    }
  }

  private static String comparable(TrainConfig c, int labeledImages) {
    TrainConfigBuilder b =
        c.toBuilder()
            .optThreads(1)
            .optDataWorkers(1)
            .optDevice(DeviceChoice.AUTO)
            .optUnlabeledBatchNorm(c.unlabeledBatchNorm().resolve(labeledImages));
    if (c.method() == Method.SUPERVISED) { // cross-entropy only: the unlabeled losses are unused
      TrainConfig d = TrainConfig.defaults();
      b.optBatchUnlabeled(d.batchUnlabeled())
          .optSampling(d.sampling())
          .optLambdaContrastive(d.lambdaContrastive())
          .optLambdaConsistency(d.lambdaConsistency())
          .optTemperature(d.temperature())
          .optAnchors(d.anchors())
          .optNegatives(d.negatives())
          .optLabeledCandidates(d.labeledCandidates())
          .optUnlabeledWarmupSteps(d.unlabeledWarmupSteps())
          .optConfidenceThreshold(d.confidenceThreshold())
          .optSharpen(d.sharpen())
          .optCutMix(d.cutMix())
          .optUnlabeledBatchNorm(d.unlabeledBatchNorm());
    }
    return b.build().toJson();
  }
}
