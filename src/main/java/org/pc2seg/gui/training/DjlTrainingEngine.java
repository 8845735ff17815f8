package org.pc2seg.gui.training;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.pc2seg.active.ProbabilityMap;
import org.pc2seg.active.ProbabilitySource;
import org.pc2seg.gui.overlay.PredictionImage;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.ml.data.TrainingData;
import org.pc2seg.ml.infer.Prediction;
import org.pc2seg.ml.infer.PredictionWriter;
import org.pc2seg.ml.infer.Predictor;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.ml.train.DeviceChoice;
import org.pc2seg.ml.train.Method;
import org.pc2seg.ml.train.RunFolder;
import org.pc2seg.ml.train.TrainConfig;
import org.pc2seg.ml.train.TrainConfigBuilder;
import org.pc2seg.ml.train.TrainingResult;
import org.pc2seg.ml.train.TrainingService;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;

/**
 * The real {@link TrainingEngine}: {@link TrainingService} for training, {@link Predictor} and
 * {@link PredictionWriter} for predictions. Keeps the latest run's predictor loaded (one model in
 * native memory at a time).
 */
public final class DjlTrainingEngine implements TrainingEngine, AutoCloseable {
  private Predictor predictor;

  /** The engine's config for the GUI's settings ({@code initFrom}: a run to fine-tune from). */
  public static TrainConfig config(TrainingSettings s, Path initFrom) {
    TrainConfigBuilder b =
        TrainConfig.builder()
            .optMethod(Method.parse(s.method()))
            .optSampling(s.sampling())
            .optCutMix(s.cutMix())
            .optSteps(s.steps())
            .optBatchLabeled(s.labeledBatch())
            .optBatchUnlabeled(s.unlabeledBatch())
            .optCrop(s.crop())
            .optResizeLongSide(s.maxSide())
            .optBackbone(s.backbone())
            .optLearningRate(s.learningRate())
            .optThreads(s.threads())
            .optDevice(DeviceChoice.parse(s.device()))
            .optValEvery(s.validateEvery())
            .optCheckpointEvery(s.checkpointEvery())
            .optSeed(s.seed());
    if (initFrom == null) {
      b.optBundledWeightsIfAny(); // a MobileNetV2 starts from its ImageNet weights
    } else {
      RunFolder from = new RunFolder(initFrom);
      b.optInitWeights(from.weightsForPrediction().toString());
      try {
        b.optBackbone(from.readConfig().backbone()); // its weights only fit its own network
      } catch (IOException | RuntimeException e) {
        // no readable config: the settings' backbone, and loading the weights says if they differ
      }
    }
    return b.build();
  }

  @Override
  public TrainingJob<RunResult> trainJob(Project project, TrainingSettings s, Path initFrom) {
    TrainConfig cfg = config(s, initFrom);
    // Snapshot the item lists and pick the run folder now, on the caller's (FX) thread; the job
    // only reads image and mask files and never touches the Project object the GUI edits.
    TrainingData data = TrainingData.fromProject(project);
    Path dir = TrainingService.newRunDir(project, cfg);
    return (listener, cancel) -> {
      TrainingResult r = TrainingService.train(data, cfg, dir, listener, cancel);
      boolean model = r.runDir() != null && new RunFolder(r.runDir()).isModel();
      return new RunResult(model ? r.runDir() : null, r.stepsDone(), r.message());
    };
  }

  private synchronized Predictor predictor(Project project, Path runDir) throws IOException {
    Path dir = runDir.toAbsolutePath().normalize();
    if (predictor == null || !predictor.runDir().toAbsolutePath().normalize().equals(dir)) {
      if (predictor != null) {
        predictor.close();
        predictor = null;
      }
      predictor = Predictor.load(dir, project.classes());
    }
    return predictor;
  }

  @Override
  public int predict(
      Project project,
      Path runDir,
      List<ImageItem> order,
      PredictionCallback callback,
      CancelToken cancel)
      throws IOException {
    return writeAll(predictor(project, runDir), project, order, callback, cancel);
  }

  /** Predicts {@code order} into the project's {@code predictions/}, reporting each image. */
  private static int writeAll(
      Predictor p,
      Project project,
      List<ImageItem> order,
      PredictionCallback callback,
      CancelToken cancel)
      throws IOException {
    return PredictionWriter.predictAll(
        p,
        project,
        order,
        List.of(),
        (index, total, item, pred) -> callback.predicted(index, total, item, toImage(pred)),
        cancel);
  }

  /** The GUI's view of an engine prediction. */
  public static PredictionImage toImage(Prediction p) {
    int[] c = p.classes();
    byte[] b = new byte[c.length];
    for (int i = 0; i < c.length; i++) {
      b[i] = (byte) c[i];
    }
    return new PredictionImage(p.width(), p.height(), b, p.confidence());
  }

  @Override
  public int predictCheckpoint(
      Project project,
      Path runDir,
      List<ImageItem> order,
      PredictionCallback callback,
      CancelToken cancel)
      throws IOException {
    RunFolder run = new RunFolder(runDir);
    run.checkClasses(project.classes());
    try (Predictor p =
        Predictor.load(runDir, run.checkpointWeights(), org.pc2seg.ml.train.DeviceChoice.AUTO)) {
      return writeAll(p, project, order, callback, cancel);
    }
  }

  @Override
  public ProbabilitySource probabilities(Project project, Path runDir) throws IOException {
    Predictor p = predictor(project, runDir);
    return item -> {
      Prediction pr = p.predictAtWorkingSize(ImageLoader.readRgb(project.imageFile(item)));
      return new ProbabilityMap(pr.numClasses(), pr.width(), pr.height(), pr.probabilities());
    };
  }

  @Override
  public List<RunSummary> runs(Project project) {
    List<RunSummary> out = new ArrayList<>();
    if (!Files.isDirectory(project.modelsDir())) {
      return out;
    }
    try (Stream<Path> s = Files.list(project.modelsDir())) {
      for (Path d : s.sorted(Comparator.reverseOrder()).toList()) {
        RunFolder run = new RunFolder(d);
        if (!Files.exists(run.file(RunFolder.CONFIG))) {
          continue;
        }
        out.add(summary(run));
      }
    } catch (IOException e) {
      // an unreadable models folder lists no runs
    }
    return out;
  }

  static RunSummary summary(RunFolder run) {
    int steps = 0;
    double miou = Double.NaN;
    String method = "";
    String sampling = "";
    try {
      TrainConfig c = run.readConfig();
      method = c.method().cliName();
      sampling = c.method() == Method.SUPERVISED ? "" : c.sampling().cliName();
    } catch (IOException | RuntimeException e) {
      method = "?";
    }
    try {
      JsonObject m =
          JsonParser.parseString(Files.readString(run.file(RunFolder.METRICS))).getAsJsonObject();
      if (m.has("steps_done")) {
        steps = m.get("steps_done").getAsInt();
      } else if (m.has("losses") && m.get("losses").isJsonArray()) {
        // a run in progress writes its metrics at each checkpoint, without steps_done yet
        var losses = m.getAsJsonArray("losses");
        if (!losses.isEmpty()) {
          steps = losses.get(losses.size() - 1).getAsJsonObject().get("step").getAsInt();
        }
      }
      JsonElement best = m.get("best");
      if (best != null && best.isJsonObject() && best.getAsJsonObject().has("miou")) {
        miou = best.getAsJsonObject().get("miou").getAsDouble();
      }
    } catch (IOException | RuntimeException e) {
      // a run still in progress has no metrics yet
    }
    return new RunSummary(
        run.dir().getFileName().toString(), run.dir(), steps, miou, method, sampling);
  }

  @Override
  public synchronized void close() {
    if (predictor != null) {
      predictor.close();
      predictor = null;
    }
  }
}
