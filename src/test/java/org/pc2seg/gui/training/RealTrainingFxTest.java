package org.pc2seg.gui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.gui.StudioWindow;
import org.pc2seg.ml.sampling.SamplingScheme;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.sample.SampleProjectGenerator;
import org.pc2seg.sample.SampleSpec;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real engine (DJL PC²Seg training and prediction) driven from the window on a tiny generated
 * project: a few steps finish and the prediction overlay appears while the FX thread stays free;
 * Stop ends a long run within about a step; with auto-retrain on, accepting a prediction and saving
 * fine-tunes a new run from the active model.
 */
@ExtendWith(ApplicationExtension.class)
class RealTrainingFxTest {
  static {
    System.setProperty("testfx.setup.timeout", "120000");
    System.setProperty("pc2seg.retrainQuietMs", "200");
  }

  /** A run that takes seconds on 2 cores. */
  static final TrainingSettings TINY =
      new TrainingSettings(
          "pc2seg",
          SamplingScheme.DIFF_IMAGE_DEBIASED,
          1.0,
          4,
          2,
          2,
          64,
          1024,
          "resnet18",
          0.002,
          1,
          "cpu",
          2,
          2,
          7);

  @TempDir Path tmp;
  StudioWindow window;
  TrainingFeature feature;
  DjlTrainingEngine engine = new DjlTrainingEngine();

  /** The autosave delay other test classes in this JVM may have set, restored after each test. */
  String autosaveBefore;

  @Start
  void start(Stage stage) throws Exception {
    // the tests save explicitly; an autosave (other classes set 300 ms) could otherwise clear the
    // unsaved flag before a loaded machine gets to check it
    autosaveBefore = System.setProperty("pc2seg.autosaveMs", "600000");
    Path dir = tmp.resolve("tiny");
    SampleProjectGenerator.generate(dir, "tiny", new SampleSpec(7, 64, 8, 2, 2));
    window = new StudioWindow(stage);
    feature = TrainingFeature.install(window, engine);
    feature.setSettings(TINY);
    stage.setWidth(1200);
    stage.setHeight(800);
    stage.show();
    window.openProject(dir);
  }

  @AfterEach
  void tearDown() throws Exception {
    FxToolkit.setupFixture(
        () -> {
          feature.shutdown();
          window.shutdown();
        });
    FxToolkit.cleanupStages();
    engine.close();
    if (autosaveBefore == null) {
      System.clearProperty("pc2seg.autosaveMs");
    } else {
      System.setProperty("pc2seg.autosaveMs", autosaveBefore);
    }
  }

  @Test
  void aFewStepsFinishAndThePredictionOverlayAppears(FxRobot robot) throws Exception {
    ImageItem item =
        window.workspace().project().items().stream()
            .filter(i -> i.status() == ImageStatus.UNLABELED)
            .findFirst()
            .orElseThrow();
    robot.interact(() -> window.workspace().show(item));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.viewer().currentItem() == item);
    robot.interact(() -> window.viewer().requestFocus());
    try (FxWatchdog dog = FxWatchdog.start(10, 100)) {
      robot.press(KeyCode.CONTROL).type(KeyCode.T).release(KeyCode.CONTROL);
      WaitForAsyncUtils.waitFor(
          240,
          TimeUnit.SECONDS,
          () ->
              !feature.controller().isRunning()
                  && window.workspace().project().activeModel().isPresent()
                  && feature.predictionOverlay().predictionProperty().get() != null);
      System.out.printf(
          "real training: FX busy max %.1f ms, ping delay max %.1f ms, %d pings%n",
          dog.maxBusyMillis(), dog.maxDelayMillis(), dog.pings());
      assertThat(dog.maxBusyMillis()).isLessThan(100);
    }
    assertThat(feature.controller().progressProperty().get().step()).isEqualTo(TINY.steps());
    assertThat(feature.panel().charts().lossPoints()).isEqualTo(TINY.steps());
    assertThat(window.workspace().project().activeModel()).isPresent();
    javafx.scene.image.ImageView v =
        (javafx.scene.image.ImageView) feature.predictionOverlay().node();
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> v.getImage() != null);
    assertThat(v.getImage().getWidth()).isEqualTo(item.width());
    assertThat(feature.predictionOverlay().predictionProperty().get().width())
        .isEqualTo(item.width());
    assertThat(java.nio.file.Files.exists(window.workspace().project().predictionFile(item)))
        .isTrue();
  }

  @Test
  void checkpointsPreviewTheVisibleImageAndStopEndsARealRunWithinAboutAStep(FxRobot robot)
      throws Exception {
    ImageItem item = firstUnlabeled();
    robot.interact(() -> window.workspace().show(item));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.viewer().currentItem() == item);
    robot.interact(() -> feature.setSettings(TINY.withSteps(1000)));
    robot.interact(() -> feature.train(null));
    // A checkpoint every 2 steps: the visible image gets a prediction while the run goes on.
    try {
      WaitForAsyncUtils.waitFor(
          120,
          TimeUnit.SECONDS,
          () -> feature.predictionOverlay().predictionProperty().get() != null);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(
          "no checkpoint preview; status: " + window.workspace().messageProperty().get(), e);
    }
    assertThat(feature.controller().isRunning()).isTrue();
    assertThat(window.workspace().project().activeModel()).isEmpty();
    assertThat(java.nio.file.Files.exists(window.workspace().project().predictionFile(item)))
        .isTrue();
    long t0 = System.nanoTime();
    robot.interact(() -> feature.controls().stopButton().fire());
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !feature.controller().isRunning());
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    int steps = feature.controller().progressProperty().get().step();
    System.out.println("real stop took " + ms + " ms after step " + steps);
    assertThat(steps).isLessThan(1000);
    assertThat(feature.controller().statusProperty().get()).contains("stopped");
  }

  @Test
  void autoRetrainFineTunesANewRunFromTheActiveModelAfterASave(FxRobot robot) throws Exception {
    ImageItem item = firstUnlabeled();
    robot.interact(() -> window.workspace().show(item));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.viewer().currentItem() == item);
    robot.interact(() -> feature.train(null));
    WaitForAsyncUtils.waitFor(
        240,
        TimeUnit.SECONDS,
        () ->
            !feature.controller().isRunning()
                && window.workspace().project().activeModel().isPresent()
                && feature.predictionOverlay().predictionProperty().get() != null);
    // (the end of a run stops "running" and then makes the run active, in one FX runnable that
    // this thread can observe half-way: wait for both, as the first test does)
    WaitForAsyncUtils.waitForFxEvents();
    Path first = window.workspace().project().activeModel().orElseThrow();

    robot.interact(() -> feature.controls().autoRetrainToggle().setSelected(true));
    // a few-step model may be confident nowhere: accept every pixel, the round is what is tested
    robot.interact(() -> feature.controls().confidence.setValue(0));
    robot.interact(feature::acceptPrediction);
    assertThat(window.workspace().unsavedProperty().get())
        .as("accepted: %s", window.workspace().messageProperty().get())
        .isTrue();
    robot.interact(() -> window.workspace().save());

    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () -> feature.controller().runNameProperty().get().startsWith("Fine-tuning round 1"));
    WaitForAsyncUtils.waitFor(
        240,
        TimeUnit.SECONDS,
        () ->
            !feature.controller().isRunning()
                && !window.workspace().project().activeModel().orElseThrow().equals(first));
    WaitForAsyncUtils.waitForFxEvents();
    Path second = window.workspace().project().activeModel().orElseThrow();
    assertThat(second.getParent()).isEqualTo(first.getParent());
    org.pc2seg.ml.train.TrainConfig cfg = new org.pc2seg.ml.train.RunFolder(second).readConfig();
    assertThat(cfg.initWeights()).isNotNull();
    assertThat(Path.of(cfg.initWeights()).toAbsolutePath().normalize())
        .startsWith(first.toAbsolutePath().normalize());
    assertThat(cfg.steps()).isEqualTo(Math.max(20, TINY.steps() / 2));
    assertThat(java.nio.file.Files.exists(second.resolve("model.params"))).isTrue();
    // project.json on disk names the new run (saved by the GUI, not the training thread)
    org.pc2seg.project.Project reread =
        org.pc2seg.project.ProjectStore.open(window.workspace().project().root());
    assertThat(reread.activeModel().orElseThrow().toAbsolutePath().normalize())
        .isEqualTo(second.toAbsolutePath().normalize());
  }

  private ImageItem firstUnlabeled() {
    return window.workspace().project().items().stream()
        .filter(i -> i.status() == ImageStatus.UNLABELED)
        .findFirst()
        .orElseThrow();
  }
}
