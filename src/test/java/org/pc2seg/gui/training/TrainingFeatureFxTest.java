package org.pc2seg.gui.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.gui.StudioWindow;
import org.pc2seg.gui.overlay.PredictionImage;
import org.pc2seg.image.IndexMask;
import org.pc2seg.ml.sampling.SamplingScheme;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.MaskStore;
import org.pc2seg.project.Project;
import org.pc2seg.sample.SampleProjectGenerator;
import org.pc2seg.sample.SampleSpec;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The training feature in the real main window on a tiny generated project, with {@link
 * GroundTruthEngine} standing in for the model: Ctrl+T trains, the prediction overlay appears,
 * Enter accepts it (undoable, saved), Stop cancels quickly, heat-map clicks give p_ij.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingFeatureFxTest {
  static {
    System.setProperty("testfx.setup.timeout", "120000");
  }

  @TempDir Path tmp;
  StudioWindow window;
  TrainingFeature feature;
  GroundTruthEngine engine = new GroundTruthEngine(12, 20);

  @Start
  void start(Stage stage) throws Exception {
    System.setProperty("pc2seg.autosaveMs", "300");
    Path dir = tmp.resolve("tiny");
    SampleProjectGenerator.generate(dir, "tiny", new SampleSpec(7, 64, 8, 2, 2));
    window = new StudioWindow(stage);
    feature = TrainingFeature.install(window, engine);
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
  }

  private Project project() {
    return window.workspace().project();
  }

  private ImageItem unlabeled() {
    return project().items().stream()
        .filter(i -> i.status() == ImageStatus.UNLABELED)
        .findFirst()
        .orElseThrow();
  }

  private void showAndWait(ImageItem item, FxRobot robot) throws Exception {
    robot.interact(() -> window.workspace().show(item));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.viewer().currentItem() == item);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private void trainAndWaitForPrediction(FxRobot robot) throws Exception {
    robot.interact(() -> window.viewer().requestFocus());
    robot.press(KeyCode.CONTROL).type(KeyCode.T).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> feature.predictionOverlay().predictionProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void ctrlTTrainsThenPredictionOverlayAppearsAndFxThreadStaysFree(FxRobot robot) throws Exception {
    ImageItem item = unlabeled();
    showAndWait(item, robot);
    try (FxWatchdog dog = FxWatchdog.start(10, 100)) {
      trainAndWaitForPrediction(robot);
      assertThat(feature.controller().isRunning()).isFalse();
      assertThat(dog.pings()).isGreaterThan(0);
      System.out.printf(
          "train+predict: FX busy max %.1f ms, ping delay max %.1f ms%n",
          dog.maxBusyMillis(), dog.maxDelayMillis());
      assertThat(dog.maxBusyMillis()).isLessThan(100);
    }
    assertThat(feature.panel().charts().lossPoints()).isEqualTo(engine.steps);
    assertThat(feature.panel().charts().miouPoints()).isNotEmpty();
    assertThat(feature.predictionOverlay().node().isVisible()).isTrue();
    javafx.scene.image.ImageView view =
        (javafx.scene.image.ImageView) feature.predictionOverlay().node();
    assertThat(view.getImage()).isNotNull();
    assertThat(view.getImage().getWidth()).isEqualTo(item.width());
    assertThat(project().activeModel()).isPresent();
    // the pool gets predicted in the background and the list shows mean confidence
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () ->
            project().items().stream()
                .allMatch(i -> java.nio.file.Files.exists(project().confidenceFile(i))));
    // then the label-next ranking: a score in the list, sort by it, N jumps to the top one
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !feature.labelNext().ranking().isEmpty());
    ImageItem top = feature.labelNext().top().orElseThrow();
    assertThat(top.status()).isNotEqualTo(ImageStatus.LABELED);
    assertThat(feature.labelNext().annotation(top)).contains("next #1");
    robot.interact(() -> window.imageList().setSortOrder(LabelNext.SORT));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(window.imageList().listView().getItems().get(0)).isSameAs(top);
    robot.interact(() -> window.viewer().requestFocus());
    robot.type(KeyCode.N);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.viewer().currentItem() == top);
    assertThat(java.nio.file.Files.exists(org.pc2seg.active.RankingStore.file(project()))).isTrue();
  }

  @Test
  void enterAcceptsThePredictionUndoablyAndItIsSaved(FxRobot robot) throws Exception {
    ImageItem item = unlabeled();
    showAndWait(item, robot);
    trainAndWaitForPrediction(robot);
    robot.interact(() -> feature.controls().confidenceSlider().setValue(0.6));
    PredictionImage expected = GroundTruthEngine.prediction(project(), item);
    IndexMask before = window.workspace().session().mask().copy();
    assertThat(before.labeledPixels()).isZero();
    robot.interact(() -> window.viewer().requestFocus());
    robot.type(KeyCode.ENTER);
    IndexMask m = window.workspace().session().mask();
    IndexMask want = expected.thresholdedMask(0.6);
    assertThat(m.labeledPixels()).isPositive();
    assertThat(m).isEqualTo(want);
    assertThat(m.labeledPixels()).as("background (conf 0.3) stays unlabeled").isLessThan(64 * 64);
    robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    assertThat(window.workspace().session().mask()).isEqualTo(before);
    robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
    assertThat(window.workspace().session().mask()).isEqualTo(want);
    robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
    assertThat(window.workspace().awaitSaves(10_000)).isTrue();
    assertThat(MaskStore.read(project(), item)).contains(want);
  }

  @Test
  void onAShortWindowTheRightPanesScrollInsteadOfSqueezingTheModelSection(FxRobot robot) {
    robot.interact(() -> window.stage().setHeight(560));
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.control.ScrollPane panes =
        robot.lookup("#right-panes").queryAs(javafx.scene.control.ScrollPane.class);
    javafx.scene.Node content = panes.getContent();
    assertThat(content.getLayoutBounds().getHeight())
        .isGreaterThan(panes.getViewportBounds().getHeight());
    javafx.scene.control.ToggleButton heatmap =
        robot.lookup("#heatmap-mode").queryAs(javafx.scene.control.ToggleButton.class);
    assertThat(heatmap.getHeight()).isEqualTo(heatmap.prefHeight(-1), within(0.5));
    javafx.scene.control.Label status =
        robot.lookup("#model-status").queryAs(javafx.scene.control.Label.class);
    assertThat(status.getText()).isNotBlank();
    assertThat(status.getHeight())
        .isGreaterThanOrEqualTo(status.prefHeight(status.getWidth()) - 0.5);
  }

  @Test
  void stopCancelsWithinAStep(FxRobot robot) throws Exception {
    GroundTruthEngine slow = new GroundTruthEngine(10_000, 50);
    robot.interact(
        () ->
            feature
                .controller()
                .start("long", slow.trainJob(project(), feature.settings(), null), e -> {}));
    Thread.sleep(300);
    assertThat(feature.controls().trainButton().isDisabled()).isTrue();
    long t0 = System.nanoTime();
    robot.interact(() -> feature.controls().stopButton().fire());
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !feature.controller().isRunning());
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    System.out.println("stop took " + ms + " ms");
    assertThat(ms).isLessThan(2000);
    assertThat(feature.controller().statusProperty().get()).contains("stopped");
    assertThat(feature.controls().trainButton().isDisabled()).isFalse();
  }

  @Test
  void reopeningAProjectPredictsWhatTheActiveModelHasNotPredictedYet(FxRobot robot)
      throws Exception {
    trainAndWaitForPrediction(robot);
    Path dir = project().root();
    List<ImageItem> items = project().items();
    waitForPredictions(items, 30);
    List<String> removed = new java.util.ArrayList<>();
    for (ImageItem i : items.subList(1, 4)) { // as if the app had closed while predicting the pool
      java.nio.file.Files.delete(project().predictionFile(i));
      java.nio.file.Files.delete(project().confidenceFile(i));
      removed.add(i.path());
    }
    int calls = engine.predictCalls.size();

    robot.interact(() -> window.openProject(dir));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> engine.predictCalls.size() > calls);

    assertThat(engine.predictCalls.get(calls))
        .extracting(ImageItem::path)
        .containsExactlyInAnyOrderElementsOf(removed);
    waitForPredictions(project().items(), 20);
    int after = engine.predictCalls.size();
    robot.interact(() -> window.openProject(dir));
    WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
    assertThat(engine.predictCalls).as("nothing is missing now").hasSize(after);
  }

  @Test
  void imagesAddedToTheProjectArePredictedWithTheActiveModel(FxRobot robot) throws Exception {
    trainAndWaitForPrediction(robot);
    waitForPredictions(project().items(), 30);
    // two more images (copies of one, with its ground truth for the stand-in engine)
    Path incoming = tmp.resolve("incoming");
    java.nio.file.Files.createDirectories(incoming);
    ImageItem model = project().items().get(0);
    for (String name : List.of("late-1", "late-2")) {
      java.nio.file.Files.copy(
          project().imageFile(model), incoming.resolve(name + "." + extension(model)));
      java.nio.file.Files.copy(
          org.pc2seg.sample.SampleProjectGenerator.groundTruth(project(), model),
          project().root().resolve("ground-truth/incoming__" + name + ".png"));
    }
    int calls = engine.predictCalls.size();

    robot.interact(() -> window.drop(List.of(incoming)));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> engine.predictCalls.size() > calls);

    assertThat(engine.predictCalls.get(calls))
        .extracting(ImageItem::fileName)
        .containsExactlyInAnyOrder("late-1." + extension(model), "late-2." + extension(model));
    waitForPredictions(
        project().items().stream().filter(i -> i.fileName().startsWith("late-")).toList(), 20);
  }

  private static String extension(ImageItem item) {
    return item.fileName().substring(item.fileName().lastIndexOf('.') + 1);
  }

  /** Waits until each of {@code items} has a prediction file. */
  private void waitForPredictions(List<ImageItem> items, int seconds) throws Exception {
    WaitForAsyncUtils.waitFor(
        seconds,
        TimeUnit.SECONDS,
        () ->
            items.stream().allMatch(i -> java.nio.file.Files.exists(project().predictionFile(i))));
  }

  @Test
  void trainingWithoutValidationImagesSaysHowToGetThem(FxRobot robot) throws Exception {
    robot.interact(
        () -> project().items().forEach(i -> i.setSplit(org.pc2seg.project.Split.TRAIN)));
    List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
    robot.interact(
        () -> window.workspace().messageProperty().addListener((o, a, m) -> messages.add(m)));
    robot.interact(() -> window.viewer().requestFocus());
    robot.press(KeyCode.CONTROL).type(KeyCode.T).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(messages)
        .anyMatch(m -> m.startsWith("Training without validation images") && m.contains("press V"));
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !feature.controller().isRunning());
  }

  @Test
  void heatmapAnchorsMapOntoProbabilitiesAtTheModelsWorkingSize(FxRobot robot) throws Exception {
    engine.probabilityShrink = 2; // as for a photo larger than the model's working size
    ImageItem item = unlabeled();
    showAndWait(item, robot);
    trainAndWaitForPrediction(robot);
    robot.interact(() -> window.viewer().requestFocus());
    robot.type(KeyCode.H);
    Point2D v = window.viewer().toView(50, 42); // in the right half: outside a half-size map
    robot.clickOn(window.viewer().localToScreen(v.getX(), v.getY()));
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> feature.heatmapPane().resultProperty().get() != null);
    NegativeHeatmap.Result r = feature.heatmapPane().resultProperty().get();
    int gw = r.layers().get(0).gridWidth();
    assertThat(gw).isEqualTo(item.width() / 2 / HeatmapPane.STRIDE);
    assertThat(r.anchorIndex())
        .isEqualTo((42 / 2 / HeatmapPane.STRIDE) * gw + 50 / 2 / HeatmapPane.STRIDE);
  }

  @Test
  void heatmapClickGivesADistributionOverTheCandidates(FxRobot robot) throws Exception {
    ImageItem item = unlabeled();
    showAndWait(item, robot);
    trainAndWaitForPrediction(robot);
    robot.interact(() -> window.viewer().requestFocus());
    Object toolBefore = window.viewer().toolProperty().get();
    javafx.scene.Node model = robot.lookup("#model-section").query();
    robot.type(KeyCode.H);
    assertThat(window.viewer().toolProperty().get()).isInstanceOf(HeatmapTool.class);
    assertThat(model.getParent().getChildrenUnmodifiable())
        .as("only the Model section stays in heat-map mode")
        .hasSizeGreaterThan(1)
        .allMatch(n -> n == model || !n.isVisible());
    robot.interact(() -> feature.heatmapPane().schemeChoice().setValue(SamplingScheme.DEBIASED));
    Point2D v = window.viewer().toView(32, 32);
    robot.clickOn(window.viewer().localToScreen(v.getX(), v.getY()));
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> feature.heatmapPane().resultProperty().get() != null);
    NegativeHeatmap.Result r = feature.heatmapPane().resultProperty().get();
    assertThat(r.scheme()).isEqualTo(SamplingScheme.DEBIASED);
    assertThat(r.total()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    double[] own = r.layers().get(0).values();
    assertThat(own[r.anchorIndex()]).isZero();
    double min = Double.MAX_VALUE;
    double max = 0;
    for (NegativeHeatmap.Layer l : r.layers()) {
      for (double p : l.values()) {
        min = Math.min(min, p);
        max = Math.max(max, p);
      }
    }
    assertThat(max).as("non-uniform").isGreaterThan(2 * min + 1e-12);
    assertThat(r.layers()).hasSizeGreaterThan(1);
    assertThat(feature.heatmapOverlay().isShowing()).isTrue();

    robot.interact(() -> feature.heatmapPane().schemeChoice().setValue(SamplingScheme.DIFF_IMAGE));
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> feature.heatmapPane().resultProperty().get().scheme() == SamplingScheme.DIFF_IMAGE);
    NegativeHeatmap.Result d = feature.heatmapPane().resultProperty().get();
    assertThat(d.layers().get(0).sum()).as("nothing from the anchor's own image").isZero();
    assertThat(d.total()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    robot.type(KeyCode.H);
    assertThat(window.viewer().toolProperty().get()).isSameAs(toolBefore);
    assertThat(model.getParent().getChildrenUnmodifiable()).allMatch(javafx.scene.Node::isVisible);
    assertThat(window.workspace().messageProperty().get()).isEqualTo("Heat-map mode off.");
  }
}
