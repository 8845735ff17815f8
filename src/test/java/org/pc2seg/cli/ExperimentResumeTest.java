package org.pc2seg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.ml.sampling.SamplingScheme;
import org.pc2seg.ml.train.Method;
import org.pc2seg.ml.train.TrainConfig;
import org.pc2seg.ml.train.UnlabeledBatchNorm;

/**
 * {@code experiment --resume}: which run folders count as finished, and a whole report built from
 * finished folders without training anything.
 */
class ExperimentResumeTest {
  @TempDir Path dir;

  static void writeFinished(Path run, TrainConfig cfg, double miou) throws Exception {
    Files.createDirectories(run);
    Files.writeString(run.resolve("config.json"), cfg.toJson());
    String v = "{\"step\": " + cfg.steps() + ", \"miou\": " + miou + ", \"pixel_acc\": 0.5}";
    Files.writeString(
        run.resolve("metrics.json"),
        "{\"stop_reason\": \"completed\", \"steps_done\": "
            + cfg.steps()
            + ", \"wall_ms\": 1000, \"last\": "
            + v
            + ", \"best\": "
            + v
            + "}");
  }

  /** {@code experiment --resume} of 400 steps on the sample project into {@link #dir}. */
  private CliRun resumeExperiment(String... more) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "experiment",
                "--project",
                "sample-projects/shapes",
                "--out",
                dir.toString(),
                "--steps",
                "400",
                "--resume"));
    args.addAll(java.util.List.of(more));
    return CliRun.run(args.toArray(new String[0]));
  }

  private static TrainConfig cfg(long seed) {
    return TrainConfig.builder().optSeed(seed).optSteps(400).build();
  }

  @Test
  void aCompletedRunWithTheSameSettingsIsKeptWhateverItsThreads() throws Exception {
    writeFinished(dir, cfg(3).toBuilder().optThreads(2).optDataWorkers(4).build(), 0.3);
    assertThat(ExperimentResume.finished(dir, cfg(3).toBuilder().optThreads(1).build(), 6))
        .isTrue();
  }

  @Test
  void anotherSeedOrSamplerOrAnUnfinishedRunIsTrainedAgain() throws Exception {
    writeFinished(dir, cfg(3), 0.3);
    assertThat(ExperimentResume.finished(dir, cfg(4), 6)).isFalse();
    assertThat(
            ExperimentResume.finished(
                dir, cfg(3).toBuilder().optSampling(SamplingScheme.UNIFORM).build(), 6))
        .isFalse();
    assertThat(ExperimentResume.finished(dir, cfg(3).toBuilder().optSteps(500).build(), 6))
        .isFalse();
    Files.writeString(
        dir.resolve("metrics.json"), "{\"stop_reason\": \"cancelled\", \"steps_done\": 400}");
    assertThat(ExperimentResume.finished(dir, cfg(3), 6)).isFalse();
    Files.writeString(dir.resolve("metrics.json"), "{not json");
    assertThat(ExperimentResume.finished(dir, cfg(3), 6)).isFalse();
  }

  @Test
  void aSupervisedRunIsKeptWhenOnlyTheUnlabeledLossSettingsDiffer() throws Exception {
    TrainConfig supervised = cfg(3).toBuilder().optMethod(Method.SUPERVISED).build();
    writeFinished(dir, supervised, 0.3);
    TrainConfig otherLosses =
        supervised.toBuilder()
            .optLabeledCandidates(512)
            .optLambdaContrastive(1.0)
            .optNegatives(32)
            .optSampling(SamplingScheme.UNIFORM)
            .optBatchUnlabeled(8)
            .optCutMix(1.0)
            .optSharpen(0.5)
            .optUnlabeledBatchNorm(UnlabeledBatchNorm.SEPARATE)
            .build();
    assertThat(ExperimentResume.finished(dir, otherLosses, 6)).isTrue();
    // the same differences matter to a PC²Seg run, and the labeled images' settings to both
    Path pc2seg = dir.resolve("pc2seg");
    writeFinished(pc2seg, cfg(3), 0.3);
    assertThat(
            ExperimentResume.finished(
                pc2seg, cfg(3).toBuilder().optLabeledCandidates(512).build(), 6))
        .isFalse();
    assertThat(
            ExperimentResume.finished(pc2seg, cfg(3).toBuilder().optBatchUnlabeled(8).build(), 6))
        .isFalse();
    assertThat(ExperimentResume.finished(pc2seg, cfg(3).toBuilder().optCutMix(0.5).build(), 6))
        .isFalse();
    TrainConfig separate =
        cfg(3).toBuilder().optUnlabeledBatchNorm(UnlabeledBatchNorm.SEPARATE).build();
    assertThat(ExperimentResume.finished(pc2seg, separate, 6)).isFalse();
    assertThat(ExperimentResume.finished(dir, supervised.toBuilder().optBatchLabeled(2).build(), 6))
        .isFalse();
  }

  @Test
  void autoBatchNormKeepsARunStoredWithTheModeItMeansForTheLabeledCount() throws Exception {
    TrainConfig auto = cfg(3);
    assertThat(auto.unlabeledBatchNorm()).isEqualTo(UnlabeledBatchNorm.AUTO);
    // a run from before the setting existed: its config.json has no batch-norm field (shared)
    Path old = dir.resolve("old");
    writeFinished(old, auto, 0.3);
    String json = Files.readString(old.resolve("config.json"));
    String without = json.replaceAll(",?\\s*\"unlabeledBatchNorm\": \"AUTO\"", "");
    assertThat(without).isNotEqualTo(json).doesNotContain("unlabeledBatchNorm");
    Files.writeString(old.resolve("config.json"), without);
    assertThat(ExperimentResume.finished(old, auto, 6)).isTrue(); // auto means shared for 6
    assertThat(ExperimentResume.finished(old, auto, 12)).isFalse(); // and separate for 12
    Path separate = dir.resolve("separate");
    writeFinished(
        separate, auto.toBuilder().optUnlabeledBatchNorm(UnlabeledBatchNorm.SEPARATE).build(), 0.3);
    assertThat(ExperimentResume.finished(separate, auto, 12)).isTrue();
    assertThat(ExperimentResume.finished(separate, auto, 6)).isFalse();
  }

  @Test
  void inParallelModeAFinishedRunStartsNoChildAndKeepsItsTrainingLog() throws Exception {
    TrainConfig base = cfg(5);
    Path seedDir = dir.resolve("seed-5");
    writeFinished(
        seedDir.resolve("n6-supervised"),
        base.toBuilder().optMethod(Method.SUPERVISED).build(),
        0.2);
    writeFinished(seedDir.resolve("n6-pc2seg-diff-image-debiased"), base, 0.3);
    Path log = seedDir.resolve("n6-supervised.log");
    Files.writeString(log, "step 400/400 training log");
    CliRun r =
        resumeExperiment("--seeds", "5", "--samplers", "diff-image-debiased", "--parallel", "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("seed-5/n6-supervised: kept").doesNotContain("started");
    assertThat(Files.readString(log)).isEqualTo("step 400/400 training log");
    assertThat(r.out()).contains("| 5 | 6 | pc2seg | diff-image-debiased | 30.0 |");
  }

  @Test
  void resumeWithFinishedRunsOnlyReportsMeansOverTheSeeds() throws Exception {
    double[][] miou = {{0.20, 0.30, 0.33}, {0.22, 0.34, 0.35}};
    long[] seeds = {5, 9};
    for (int s = 0; s < 2; s++) {
      TrainConfig base = cfg(seeds[s]);
      writeFinished(
          dir.resolve("seed-" + seeds[s]).resolve("n6-supervised"),
          base.toBuilder().optMethod(Method.SUPERVISED).build(),
          miou[s][0]);
      writeFinished(
          dir.resolve("seed-" + seeds[s]).resolve("n6-pc2seg-uniform"),
          base.toBuilder().optSampling(SamplingScheme.UNIFORM).build(),
          miou[s][1]);
      writeFinished(
          dir.resolve("seed-" + seeds[s]).resolve("n6-pc2seg-diff-image-debiased"),
          base,
          miou[s][2]);
    }
    CliRun r = resumeExperiment("--seeds", "5,9");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("seed-5/n6-supervised: kept", "seed-9/n6-pc2seg-uniform: kept");
    assertThat(r.out()).contains("seeds 5, 9");
    assertThat(r.out()).contains("| 6 | pc2seg | diff-image-debiased | 2 | 34.0 ± 1.4 |");
    assertThat(r.out())
        .contains("| 6 | diff-image-debiased − uniform | 2 | +2.0 ± 1.0 | +2.0 ± 1.0 | 2/2 |");
  }
}
