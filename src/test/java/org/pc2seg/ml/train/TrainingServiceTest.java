package org.pc2seg.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.ml.data.TrainingData;
import org.pc2seg.ml.infer.Prediction;
import org.pc2seg.ml.infer.Predictor;
import org.pc2seg.ml.tensor.EngineThreads;
import org.pc2seg.ml.tensor.FreshThread;
import org.pc2seg.project.LabelClass;

class TrainingServiceTest {
  @TempDir Path dir;

  /** Records every step's loss and cancels after a given step. */
  static final class Recorder implements TrainingListener {
    final List<Double> losses = new ArrayList<>();
    final List<Double> ces = new ArrayList<>();
    final List<Integer> steps = new ArrayList<>();
    final CancelToken cancel = new CancelToken();
    final int cancelAt;
    int negativeEvents;

    Recorder(int cancelAt) {
      this.cancelAt = cancelAt;
    }

    @Override
    public void onProgress(TrainingProgress p) {
      losses.add(p.loss());
      ces.add(p.ce());
      steps.add(p.step());
      if (p.step() == cancelAt) {
        cancel.cancel();
      }
    }

    @Override
    public void onNegatives(NegativeDraws d) {
      assertThat(d.countsPerImage()).hasSize(d.images().size());
      negativeEvents++;
    }
  }

  @Test
  void resumeReproducesTheNextStepsAndCancelStopsWithinAStep() throws Exception {
    TrainingData data = TinyData.data(dir);
    TrainConfig cfg = TinyData.config().optSteps(4).build();
    Recorder full = new Recorder(-1);
    TrainingResult a = TrainingService.train(data, cfg, dir.resolve("a"), full, full.cancel);
    assertThat(a.completed()).isTrue();
    assertThat(full.losses).hasSize(4);
    assertThat(full.negativeEvents).isEqualTo(4);

    Recorder first = new Recorder(2);
    TrainingResult b = TrainingService.train(data, cfg, dir.resolve("b"), first, first.cancel);
    assertThat(b.reason()).isEqualTo(StopReason.CANCELLED);
    assertThat(b.stepsDone()).isEqualTo(2);
    assertThat(first.steps).containsExactly(1, 2);
    assertThat(first.losses).containsExactly(full.losses.get(0), full.losses.get(1));
    assertThat(dir.resolve("b/checkpoint/state.json")).exists();

    Recorder rest = new Recorder(-1);
    TrainingResult c = TrainingService.resume(dir.resolve("b"), data, 0, rest, rest.cancel);
    assertThat(c.completed()).isTrue();
    assertThat(rest.steps).containsExactly(3, 4);
    assertThat(rest.losses.get(0)).isEqualTo(full.losses.get(2));
    assertThat(rest.losses.get(1)).isEqualTo(full.losses.get(3));
    assertThat(c.lastValidation()).isNotNull();
    assertThat(Files.readString(dir.resolve("b/config.json"))).contains("\"seed\": 5");
    assertThat(dir.resolve("b/metrics.json")).exists();
    assertThat(dir.resolve("b/classes.json")).exists();
  }

  @Test
  void aWidthThatIsNotAMultipleOf16IsRefusedBeforeAnythingIsWritten() throws Exception {
    TrainingData data = TinyData.data(dir);
    TrainConfig cfg = TinyData.config().optWidth(24).optSteps(1).build();
    assertThatThrownBy(() -> TrainingService.train(data, cfg, dir.resolve("w"), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of 16")
        .hasMessageContaining("24");
    assertThat(dir.resolve("w")).doesNotExist();
  }

  @Test
  void aRunOnANewThreadTrainsWithItsThreadCountThoughTheEngineIsLoaded() throws Exception {
    // as in the app: libtorch already loaded (here with 2 threads), training on a new thread
    TrainingData data = TinyData.data(dir);
    int before = EngineThreads.current();
    EngineThreads.use(2);
    List<Integer> counts = new ArrayList<>();
    TrainingListener l = p -> counts.add(EngineThreads.current());
    try {
      FreshThread.run(
          () -> {
            TrainConfig cfg = TinyData.config().optSteps(2).optThreads(1).build();
            assertThat(TrainingService.train(data, cfg, dir.resolve("t"), l, null).completed())
                .isTrue();
          });
    } finally {
      EngineThreads.use(before);
    }
    assertThat(counts).containsExactly(1, 1);
  }

  @Test
  void labeledCandidatesChangeTheContrastiveTermOfARealStep() throws Exception {
    TrainingData data = TinyData.data(dir);
    // TinyData has no warm-up: the unlabeled losses count from the first step
    TrainConfig plain = TinyData.config().optSteps(2).build();
    Recorder a = trained(data, plain, "plain");
    Recorder b = trained(data, plain.toBuilder().optLabeledCandidates(64).build(), "labeled");
    assertThat(b.losses).hasSize(2).allMatch(Double::isFinite);
    assertThat(b.negativeEvents).isEqualTo(2);
    // same seed, same first forward pass: only the negatives differ
    assertThat(b.losses.get(0)).isNotEqualTo(a.losses.get(0));
  }

  @Test
  void cutMixChangesAStepAndStillResumesExactly() throws Exception {
    TrainingData data = TinyData.data(dir);
    TrainConfig plain = TinyData.config().optSteps(3).build();
    TrainConfig mixed = plain.toBuilder().optCutMix(1.0).build();
    Recorder a = trained(data, plain, "plain");
    Recorder full = trained(data, mixed, "full");
    assertThat(full.losses).hasSize(3).allMatch(Double::isFinite);
    // same seed, same labeled pass and weak view: only the mixed strong views change the loss
    assertThat(full.losses.get(0)).isNotEqualTo(a.losses.get(0));

    Recorder first = new Recorder(1);
    TrainingService.train(data, mixed, dir.resolve("cut"), first, first.cancel);
    Recorder rest = new Recorder(-1);
    TrainingService.resume(dir.resolve("cut"), data, 0, rest, rest.cancel);
    assertThat(rest.steps).containsExactly(2, 3);
    assertThat(rest.losses).containsExactly(full.losses.get(1), full.losses.get(2));
    assertThat(Files.readString(dir.resolve("cut/config.json"))).contains("\"cutMix\": 1.0");
  }

  @Test
  void separateBatchNormsLeaveTheRunningStatisticsToTheLabeledImages() throws Exception {
    TrainingData data = TinyData.data(dir);
    TrainConfig one = TinyData.config().optSteps(1).build();
    // the default, auto, means shared with these 4 labeled images
    assertThat(one.unlabeledBatchNorm()).isEqualTo(UnlabeledBatchNorm.AUTO);
    Recorder sup = trained(data, one.toBuilder().optMethod(Method.SUPERVISED).build(), "sup");
    Recorder sep =
        trained(
            data,
            one.toBuilder().optUnlabeledBatchNorm(UnlabeledBatchNorm.SEPARATE).build(),
            "sep");
    Recorder shared = trained(data, one, "sh");
    float[] supStats = runningStats("sup");
    // separate: the labeled images are normalised alone, as in supervised training, and neither
    // unlabeled view moves the running statistics that inference uses
    assertThat(sep.ces.get(0)).isEqualTo(sup.ces.get(0));
    assertThat(runningStats("sep")).containsExactly(supStats);
    assertThat(sep.losses.get(0)).isGreaterThan(sep.ces.get(0)); // the unlabeled losses count
    assertThat(weights("sep")).isNotEqualTo(weights("sup"));
    // shared: the strong views join the labeled batch and both views update the statistics
    assertThat(shared.ces.get(0)).isNotEqualTo(sup.ces.get(0));
    assertThat(runningStats("sh")).isNotEqualTo(supStats);
  }

  @Test
  void autoBatchNormIsSharedWithFewLabeledImagesAndSeparateWithTwelve() throws Exception {
    TrainConfig auto = TinyData.config().optSteps(1).build();
    TrainConfig sup = auto.toBuilder().optMethod(Method.SUPERVISED).build();
    TrainConfig shared = auto.toBuilder().optUnlabeledBatchNorm(UnlabeledBatchNorm.SHARED).build();
    TrainingData few = TinyData.data(dir); // 4 labeled images
    Recorder autoFew = trained(few, auto, "auto4");
    Recorder sharedFew = trained(few, shared, "shared4");
    assertThat(autoFew.losses).isEqualTo(sharedFew.losses);
    assertThat(runningStats("auto4")).containsExactly(runningStats("shared4"));
    assertThat(metrics("auto4")).contains("\"unlabeled_batch_norm\": \"shared\"");

    TrainingData many = TinyData.dataWithLabeled(dir, UnlabeledBatchNorm.SEPARATE_FROM);
    Recorder autoMany = trained(many, auto, "auto12");
    Recorder supMany = trained(many, sup, "sup12");
    Recorder sharedMany = trained(many, shared, "shared12");
    // separate: the labeled batch is normalised alone, as in supervised training
    assertThat(autoMany.ces.get(0)).isEqualTo(supMany.ces.get(0));
    assertThat(runningStats("auto12")).containsExactly(runningStats("sup12"));
    assertThat(sharedMany.ces.get(0)).isNotEqualTo(supMany.ces.get(0));
    assertThat(metrics("auto12")).contains("\"unlabeled_batch_norm\": \"separate\"");
    assertThat(metrics("sup12")).doesNotContain("unlabeled_batch_norm");
  }

  private String metrics(String run) throws Exception {
    return Files.readString(dir.resolve(run).resolve("metrics.json"));
  }

  /** Every batch norm's running mean and variance of a run's final model, in order. */
  private float[] runningStats(String run) throws Exception {
    return parameters(run, true);
  }

  /** Every learned parameter of a run's final model, in order. */
  private float[] weights(String run) throws Exception {
    return parameters(run, false);
  }

  private float[] parameters(String run, boolean running) throws Exception {
    try (Predictor p = Predictor.load(dir.resolve(run))) {
      java.util.List<Float> out = new ArrayList<>();
      for (var e : p.model().getBlock().getParameters()) {
        Parameter.Type t = e.getValue().getType();
        boolean isRunning = t == Parameter.Type.RUNNING_MEAN || t == Parameter.Type.RUNNING_VAR;
        if (isRunning == running) {
          for (float f : e.getValue().getArray().toFloatArray()) {
            out.add(f);
          }
        }
      }
      float[] a = new float[out.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = out.get(i);
      }
      assertThat(a).isNotEmpty();
      return a;
    }
  }

  /** A run to its end, with every step's loss recorded. */
  private Recorder trained(TrainingData data, TrainConfig cfg, String name) throws Exception {
    Recorder r = new Recorder(-1);
    assertThat(TrainingService.train(data, cfg, dir.resolve(name), r, r.cancel).completed())
        .isTrue();
    return r;
  }

  @Test
  void aShortRunLowersTheLossAndPredicts() throws Exception {
    TrainingData data = TinyData.data(dir);
    TrainConfig cfg =
        TinyData.config().optMethod(Method.SUPERVISED).optSteps(16).optLearningRate(5e-3).build();
    Recorder r = new Recorder(-1);
    TrainingResult res = TrainingService.train(data, cfg, dir.resolve("s"), r, r.cancel);
    double early = (r.losses.get(0) + r.losses.get(1) + r.losses.get(2)) / 3;
    double late = (r.losses.get(13) + r.losses.get(14) + r.losses.get(15)) / 3;
    assertThat(late).isLessThan(early * 0.8);
    assertThat(res.bestValidation()).isNotNull();
    try (Predictor p = Predictor.load(dir.resolve("s"), data.classes())) {
      Prediction pr = p.predict(data.val().load(0).image());
      assertThat(pr.width()).isEqualTo(48);
      float sum = 0;
      for (int k = 0; k < pr.numClasses(); k++) {
        sum += pr.probability(k, 10, 10);
      }
      assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
    }
    List<LabelClass> other =
        List.of(new LabelClass(0, "background", "#000000"), new LabelClass(1, "cat", "#ff0000"));
    assertThatThrownBy(() -> Predictor.load(dir.resolve("s"), other))
        .hasMessageContaining("trained for classes")
        .hasMessageContaining("cat");
    assertThatThrownBy(
            () ->
                TrainingService.resume(
                    dir.resolve("s"), TinyData.dataWith(dir, other), 0, null, null))
        .hasMessageContaining("trained for classes");
  }

  @Test
  void aRunWithAMaxSidePredictsSmallerAndGivesProbabilitiesAtTheImagesOwnSize() throws Exception {
    TrainingData data = TinyData.data(dir);
    TrainConfig cfg =
        TinyData.config().optMethod(Method.SUPERVISED).optSteps(2).optResizeLongSide(32).build();
    trained(data, cfg, "small");
    assertThat(Files.readString(dir.resolve("small").resolve("config.json")))
        .contains("\"resizeLongSide\": 32");
    java.awt.image.BufferedImage image = data.val().load(0).image();
    try (Predictor p = Predictor.load(dir.resolve("small"))) {
      Prediction pr = p.predict(image);
      assertThat(pr.width()).isEqualTo(image.getWidth()).isGreaterThan(32);
      assertThat(pr.height()).isEqualTo(image.getHeight());
      Prediction small = p.predictAtWorkingSize(image);
      assertThat(Math.max(small.width(), small.height())).isEqualTo(32);
    }
    assertThat(TrainConfig.defaults().resizeLongSide()).isEqualTo(TrainConfig.DEFAULT_MAX_SIDE);
    assertThatThrownBy(() -> TinyData.config().optResizeLongSide(16).build())
        .hasMessageContaining("max image side");
    assertThat(TrainingSession.oomAdvice(cfg)).contains("lower --batch", "--max-side (now 32 px)");
    assertThat(TrainingSession.oomAdvice(TinyData.config().optResizeLongSide(0).build()))
        .contains("--max-side (now 0, full size)");
  }

  @Test
  void aDivergingRunStopsKeepsTheLastGoodCheckpointAndSaysWhy() throws Exception {
    TrainingData data = TinyData.data(dir);
    // An absurd learning rate without clipping overflows the weights within a few steps.
    TrainConfig cfg =
        TinyData.config()
            .optSteps(12)
            .optLearningRate(1e37)
            .optLrWarmupSteps(0)
            .optGradClip(0)
            .optCheckpointEvery(1)
            .optValEvery(0)
            .build();
    Recorder r = new Recorder(-1);
    TrainingResult res = TrainingService.train(data, cfg, dir.resolve("nan"), r, r.cancel);
    assertThat(res.reason()).isEqualTo(StopReason.NAN_LOSS);
    assertThat(res.stepsDone()).isLessThan(12);
    assertThat(res.message()).contains("kept the last good checkpoint").contains("--lr");
    for (double loss : r.losses) {
      assertThat(loss).isFinite();
    }
    assertThat(dir.resolve("nan/model.params")).exists();
    assertThat(Files.readString(dir.resolve("nan/metrics.json"))).contains("nan_loss");
  }
}
