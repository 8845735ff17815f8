package org.pc2seg.gui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pc2seg.ml.sampling.SamplingScheme;
import org.pc2seg.ml.train.ValidationMetrics;

/** The plain-Java parts of the training GUI. */
class TrainingLogicTest {
  @Test
  void autoRetrainWaitsForAPauseAndNeverOverlapsARun() {
    RetrainTrigger t = new RetrainTrigger(5000);
    t.masksSaved(0);
    assertThat(t.poll(10_000, false)).as("disabled").isFalse();
    t.setEnabled(true);
    assertThat(t.poll(3000, false)).as("not quiet long enough").isFalse();
    t.masksSaved(4000);
    assertThat(t.poll(8000, false)).as("a later save restarts the pause").isFalse();
    assertThat(t.poll(9000, true)).as("training is running").isFalse();
    assertThat(t.poll(9000, false)).isTrue();
    assertThat(t.poll(20_000, false)).as("only once per batch of saves").isFalse();
    t.masksSaved(21_000);
    assertThat(t.poll(30_000, true)).isFalse();
    assertThat(t.hasPendingChanges()).isTrue();
    assertThat(t.poll(31_000, false)).as("saves during a run trigger the next round").isTrue();
    assertThat(t.rounds()).isEqualTo(2);
  }

  @Test
  void rateMeterAndDurations() {
    RateMeter r = new RateMeter(3);
    assertThat(r.stepsPerSecond()).isNaN();
    assertThat(r.etaMillis(10)).isEqualTo(-1);
    r.record(0, 0);
    r.record(2, 1_000_000_000L);
    r.record(4, 2_000_000_000L);
    assertThat(r.stepsPerSecond()).isEqualTo(2.0);
    assertThat(r.etaMillis(10)).isEqualTo(5000);
    r.record(10, 3_000_000_000L); // window of 3 drops the first
    assertThat(r.stepsPerSecond()).isEqualTo(4.0);
    assertThat(RateMeter.formatDuration(65_000)).isEqualTo("1:05");
    assertThat(RateMeter.formatDuration(3_725_000)).isEqualTo("1:02:05");
    assertThat(RateMeter.formatDuration(-1)).isEqualTo("–");
  }

  @Test
  void presetsAreValidAndBadValuesAreNamed() {
    assertThat(TrainingSettings.cpuPreset().problems()).isEmpty();
    assertThat(TrainingSettings.gpuPreset().problems()).isEmpty();
    assertThat(TrainingSettings.gpuPreset().crop())
        .isGreaterThan(TrainingSettings.cpuPreset().crop());
    TrainingSettings bad =
        new TrainingSettings(
            "pc2seg", SamplingScheme.UNIFORM, 1.5, 0, 1, 0, 100, 50, "vgg16", 2, 0, "tpu", 1, 1, 1);
    List<String> p = bad.problems();
    assertThat(String.join("\n", p))
        .contains("CutMix probability must be between 0 and 1 (was 1.5)")
        .contains("steps")
        .contains("unlabeled batch")
        .contains("crop")
        .contains("max. image side must be 0 (full resolution) or at least the crop (was 50)")
        .contains("learning rate")
        .contains("threads")
        .contains("device")
        .contains("backbone: unknown backbone 'vgg16'");
    assertThat(TrainingSettings.cpuPreset().withSteps(7).steps()).isEqualTo(7);
  }

  @Test
  void theChosenBackboneIsTrainedButFineTuningKeepsTheActiveModelsOwn(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    TrainingSettings s =
        new TrainingSettings(
            "pc2seg",
            SamplingScheme.DIFF_IMAGE_DEBIASED,
            1.0,
            300,
            4,
            4,
            128,
            768,
            "resnet50",
            0.001,
            1,
            "cpu",
            50,
            50,
            42);
    assertThat(s.problems()).isEmpty();
    assertThat(DjlTrainingEngine.config(s, null).backbone()).isEqualTo("resnet50");
    assertThat(DjlTrainingEngine.config(s, null).resizeLongSide()).isEqualTo(768);
    assertThat(DjlTrainingEngine.config(s, null).initWeights()).isNull(); // no ResNet weights here
    assertThat(DjlTrainingEngine.config(s, null).cutMix()).isEqualTo(1.0);
    assertThat(DjlTrainingEngine.config(s.withSteps(20), null).cutMix()).isEqualTo(1.0);
    TrainingSettings mobile =
        new TrainingSettings(
            s.method(),
            s.sampling(),
            s.cutMix(),
            s.steps(),
            s.labeledBatch(),
            s.unlabeledBatch(),
            s.crop(),
            s.maxSide(),
            "mobilenetv2",
            s.learningRate(),
            s.threads(),
            s.device(),
            s.validateEvery(),
            s.checkpointEvery(),
            s.seed());
    assertThat(DjlTrainingEngine.config(mobile, null).initWeights()).isEqualTo("imagenet");

    org.pc2seg.ml.train.RunFolder active =
        new org.pc2seg.ml.train.RunFolder(java.nio.file.Files.createDirectories(tmp.resolve("r")));
    active.writeConfig(
        org.pc2seg.ml.train.TrainConfig.defaults().toBuilder().optBackbone("resnet34").build());
    org.pc2seg.ml.train.TrainConfig tune = DjlTrainingEngine.config(s, active.dir());
    assertThat(tune.backbone()).isEqualTo("resnet34");
    assertThat(tune.initWeights()).startsWith(active.dir().toString());
  }

  @Test
  void aRunInProgressListsTheStepsItHasLoggedSoFar(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createDirectories(tmp.resolve("run"));
    org.pc2seg.ml.train.RunFolder run = new org.pc2seg.ml.train.RunFolder(dir);
    run.writeConfig(org.pc2seg.ml.train.TrainConfig.defaults());
    java.nio.file.Files.writeString(
        run.file(org.pc2seg.ml.train.RunFolder.METRICS),
        "{\"losses\": [{\"step\": 11, \"loss\": 1}, {\"step\": 12, \"loss\": 0.9}],"
            + " \"best\": {\"step\": 12, \"miou\": 0.25}}");
    RunSummary inProgress = DjlTrainingEngine.summary(run);
    assertThat(inProgress.steps()).isEqualTo(12);
    assertThat(inProgress.miou()).isEqualTo(0.25);
    assertThat(inProgress.method()).isEqualTo("pc2seg");

    java.nio.file.Files.writeString(
        run.file(org.pc2seg.ml.train.RunFolder.METRICS),
        "{\"steps_done\": 40, \"losses\": [{\"step\": 12, \"loss\": 0.9}]}");
    assertThat(DjlTrainingEngine.summary(run).steps()).isEqualTo(40);
  }

  @Test
  void theActiveModelLineShowsItsBestValidationMiou() {
    java.nio.file.Path a = java.nio.file.Path.of("models", "20261127-193921-pc2seg");
    java.nio.file.Path b = java.nio.file.Path.of("models", "20261127-200252-pc2seg");
    List<RunSummary> runs =
        List.of(
            new RunSummary(b.getFileName().toString(), b, 40, Double.NaN, "pc2seg", "uniform"),
            new RunSummary(a.getFileName().toString(), a, 800, 0.3270, "pc2seg", "uniform"));
    assertThat(RunSummary.activeModelText(a.toAbsolutePath(), runs))
        .isEqualTo(
            "Active\u00a0model\u00a0(val\u00a0mIoU\u00a032.7\u00a0%): 20261127-193921-pc2seg");
    assertThat(RunSummary.activeModelText(b, runs))
        .isEqualTo("Active model: 20261127-200252-pc2seg");
    assertThat(RunSummary.activeModelText(null, runs)).isEqualTo("Active model: none");
  }

  @Test
  void eventPumpBatchesAndKeepsOrder() {
    List<Runnable> fxQueue = new ArrayList<>();
    List<Integer> got = new ArrayList<>();
    FxEventPump<Integer> pump = new FxEventPump<>(got::addAll, fxQueue::add, 2000);
    for (int i = 0; i < 1000; i++) {
      pump.post(i);
    }
    assertThat(fxQueue).as("one runnable outstanding, however many events").hasSize(1);
    fxQueue.remove(0).run();
    pump.post(1000);
    assertThat(fxQueue).hasSize(1);
    fxQueue.remove(0).run();
    assertThat(got).hasSize(1001).isSorted();
    assertThat(pump.flushes()).isEqualTo(2);
  }

  @Test
  void eventPumpHandsABacklogOverInBoundedBatchesLettingOtherWorkIn() {
    List<Runnable> fxQueue = new ArrayList<>();
    List<List<Integer>> batches = new ArrayList<>();
    FxEventPump<Integer> pump =
        new FxEventPump<>(b -> batches.add(List.copyOf(b)), fxQueue::add, 100);
    for (int i = 0; i < 250; i++) {
      pump.post(i);
    }
    fxQueue.add(() -> batches.add(List.of(-1))); // e.g. a pulse or an input event
    while (!fxQueue.isEmpty()) {
      fxQueue.remove(0).run();
    }
    assertThat(batches).extracting(List::size).containsExactly(100, 1, 100, 50);
    assertThat(batches.get(1)).containsExactly(-1);
    List<Integer> events = new ArrayList<>();
    batches.stream().filter(b -> b.get(0) >= 0).forEach(events::addAll);
    assertThat(events).hasSize(250).isSorted().doesNotHaveDuplicates();
    assertThat(pump.flushes()).isEqualTo(3);
  }

  @Test
  void decimatedSeriesStaysBoundedAndKeepsTheShape() {
    DecimatedSeries s = new DecimatedSeries("loss", 100);
    for (int i = 0; i < 10_000; i++) {
      s.add(i, 10_000 - i);
    }
    s.sync();
    assertThat(s.size()).isBetween(50, 100);
    assertThat(s.series().getData()).hasSize(s.size());
    assertThat(s.stride()).isGreaterThanOrEqualTo(100);
    assertThat(s.series().getData().get(0).getXValue().doubleValue()).isZero();
    List<Double> xs = s.series().getData().stream().map(d -> d.getXValue().doubleValue()).toList();
    assertThat(xs).isSorted();
    assertThat(xs.get(xs.size() - 1)).isGreaterThan(9000);
  }

  @Test
  void decimatedSeriesSyncedOftenShowsWhatOneSyncAtTheEndShows() {
    DecimatedSeries often = new DecimatedSeries("often", 64);
    DecimatedSeries once = new DecimatedSeries("once", 64);
    for (int i = 0; i < 5_000; i++) {
      often.add(i, Math.sin(i / 50.0));
      once.add(i, Math.sin(i / 50.0));
      if (i % 37 == 0) {
        often.sync();
      }
    }
    often.sync();
    once.sync();
    List<double[]> a =
        often.series().getData().stream()
            .map(d -> new double[] {d.getXValue().doubleValue(), d.getYValue().doubleValue()})
            .toList();
    List<double[]> b =
        once.series().getData().stream()
            .map(d -> new double[] {d.getXValue().doubleValue(), d.getYValue().doubleValue()})
            .toList();
    assertThat(often.stride()).isGreaterThan(1);
    assertThat(a).hasSameSizeAs(b).hasSize(once.size());
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).containsExactly(b.get(i));
    }
  }

  @Test
  void niceTickUnitsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(TrainingCharts.niceTickUnit(0.3)).isEqualTo(1);
    assertThat(TrainingCharts.niceTickUnit(80)).isEqualTo(100);
    assertThat(TrainingCharts.niceTickUnit(1000 / 5.0)).isEqualTo(200);
    assertThat(TrainingCharts.niceTickUnit(4000 / 5.0)).isEqualTo(1000);
    assertThat(TrainingCharts.niceTickUnit(2400 / 5.0)).isEqualTo(500);
  }

  @Test
  void validationTooltipListsEveryClass() {
    String t =
        TrainingCharts.tooltipText(
            new ValidationMetrics(200, 0.613, new double[] {0.9, Double.NaN, 0.326}, 0.95),
            List.of("background", "disc"));
    assertThat(t).startsWith("step 200 — mIoU 61.3 %, pixel accuracy 95.0 %");
    assertThat(t).contains("background: 90.0 %").contains("disc: –").contains("class 2: 32.6 %");
  }

  @Test
  void negativeDrawStatsAggregateAWindowOfSteps() {
    NegativeDrawStats st = new NegativeDrawStats(2);
    // 2 images per step, 1x2 grid
    st.add(1, List.of("a.jpg", "b.jpg"), new int[] {3, 1}, 2, 1, new int[] {1, 2, 0, 1});
    st.add(2, List.of("b.jpg", "c.jpg"), new int[] {2, 2}, 2, 1, new int[] {2, 0, 1, 1});
    NegativeDrawStats.ImageShare b = st.forImage("b.jpg"::equals);
    assertThat(b.steps()).isEqualTo(2);
    assertThat(b.negatives()).isEqualTo(3);
    assertThat(b.totalNegatives()).isEqualTo(8);
    assertThat(b.fraction()).isEqualTo(3 / 8.0);
    assertThat(b.counts()).containsExactly(2, 1);
    st.add(3, List.of("c.jpg", "d.jpg"), new int[] {4, 0}, 2, 1, new int[] {4, 0, 0, 0});
    assertThat(st.size()).isEqualTo(2);
    assertThat(st.forImage("a.jpg"::equals).steps()).as("step 1 left the window").isZero();
    assertThat(st.forImage("c.jpg"::equals).negatives()).isEqualTo(6);
  }
}
