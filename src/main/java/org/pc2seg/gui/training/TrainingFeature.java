package org.pc2seg.gui.training;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.pc2seg.edit.MaskEditSession;
import org.pc2seg.gui.StudioWindow;
import org.pc2seg.gui.Workspace;
import org.pc2seg.gui.actions.ActionId;
import org.pc2seg.gui.overlay.HeatmapOverlay;
import org.pc2seg.gui.overlay.OverlayMode;
import org.pc2seg.gui.overlay.PredictionImage;
import org.pc2seg.gui.overlay.PredictionOverlay;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;

/**
 * Adds training to the main window: the Model section of the right pane, the training monitor
 * window (charts, runs), prediction and heat-map overlays, and the Train / Stop / Accept / Heat-map
 * / Label-next actions. After each run the visible image is predicted first, then the pool, then
 * the label-next ranking is refreshed — all on background threads.
 */
public final class TrainingFeature {
  private final StudioWindow window;
  private final Workspace ws;
  private final TrainingEngine engine;
  private final TrainingController controller = new TrainingController();
  private final ExecutorService predictor = background("pc2seg-predict");

  /**
   * Heat-maps answer a click, so they do not queue behind the pool's prediction (minutes for a
   * folder of photos); they use their own predictor, so the two only share the CPU.
   */
  private final ExecutorService heatmaps = background("pc2seg-heatmap");

  private final PredictionOverlay predictionOverlay;
  private final HeatmapOverlay heatmapOverlay = new HeatmapOverlay();
  private final HeatmapPane heatmapPane;
  private final HeatmapMode heatmapMode;
  private final ModelControls controls;
  private final TrainingPanel panel;

  /** The project of the run in progress (checkpoint previews only apply to it). */
  private Project trainingProject;

  private final RetrainTrigger retrain =
      new RetrainTrigger(Long.getLong("pc2seg.retrainQuietMs", 15_000));
  private final LabelNext labelNext;
  private final NegativeDrawStats draws = new NegativeDrawStats(50);
  private final NegativeDrawsPane drawsPane = new NegativeDrawsPane();
  private final TrainingSettingsStore settingsStore = TrainingSettingsStore.inUserDataFolder();
  private TrainingSettings settings = settingsStore.load(TrainingSettings.cpuPreset());
  private TitledPane section;
  private Stage monitor;
  private final PoolPredictions pool;

  /** Checks once a second whether saved masks call for an automatic fine-tuning round. */
  private Timeline retrainPoll;

  private TrainingFeature(StudioWindow window, TrainingEngine engine) {
    this.window = window;
    this.ws = window.workspace();
    this.engine = engine;
    predictionOverlay = new PredictionOverlay(ws.tasks()::execute);
    heatmapPane = new HeatmapPane(heatmaps, heatmapOverlay);
    heatmapMode = new HeatmapMode(ws, heatmapPane, heatmapOverlay);
    controls = new ModelControls(heatmapPane);
    panel = new TrainingPanel(controller);
    panel.setHistoryReader(engine::history, ws.tasks()::execute);
    labelNext = new LabelNext(window, engine, predictor);
    pool = new PoolPredictions(window, engine, predictor, predictionOverlay, labelNext);
  }

  /** Builds the feature and adds it to {@code window}. */
  public static TrainingFeature install(StudioWindow window, TrainingEngine engine) {
    TrainingFeature f = new TrainingFeature(window, engine);
    f.wire();
    return f;
  }

  private void wire() {
    ws.viewer().addOverlay(predictionOverlay);
    ws.viewer().addOverlay(heatmapOverlay);
    section = new TitledPane("Model", controls);
    section.setId("model-section");
    heatmapMode.setSection(section);
    window.addRightPane(section);
    predictionOverlay.thresholdProperty().bind(controls.confidence.valueProperty());
    controls.train.disableProperty().bind(controller.runningProperty());
    controls.stop.disableProperty().bind(controller.runningProperty().not());
    controls.train.setOnAction(e -> train(null));
    controls.stop.setOnAction(e -> controller.stop());
    controls.settings.setOnAction(e -> editSettings());
    controls.charts.setOnAction(e -> showMonitor());
    controls.accept.setOnAction(e -> acceptPrediction());
    controls.accept.disableProperty().bind(predictionOverlay.predictionProperty().isNull());
    controls.overlay.valueProperty().addListener((o, a, m) -> applyOverlayMode(m));
    controls.heatmap.selectedProperty().addListener((o, a, on) -> heatmapMode.set(on));
    controls.autoRetrain.selectedProperty().addListener((o, a, on) -> retrain.setEnabled(on));
    controls.status.textProperty().bind(controller.statusProperty());
    panel.trainButton().setOnAction(e -> train(null));
    panel.settingsButton().setOnAction(e -> editSettings());
    panel
        .autoRetrainToggle()
        .selectedProperty()
        .bindBidirectional(controls.autoRetrain.selectedProperty());
    controller
        .progressProperty()
        .addListener(
            (o, a, p) ->
                controls.progress.setProgress(
                    p == null || p.totalSteps() <= 0 ? 0 : p.step() / (double) p.totalSteps()));
    controller.addEndListener(end -> controls.progress.setProgress(0));
    heatmapPane.getChildren().add(drawsPane);
    controller.addFxListener(new RunFeedListener(ws::project, () -> trainingProject, pool, draws));
    controller.addBatchListener(this::showDraws);
    ws.viewer().imageProperty().addListener((o, a, b) -> showDraws());
    window.actions().on(ActionId.TRAIN, () -> train(null));
    window.actions().on(ActionId.STOP_TRAINING, controller::stop);
    window.actions().on(ActionId.TRAINING_MONITOR, this::showMonitor);
    window.actions().on(ActionId.ACCEPT_PREDICTION, this::acceptPrediction);
    window.actions().on(ActionId.HEATMAP_MODE, () -> controls.heatmap.fire());
    window.actions().on(ActionId.CYCLE_OVERLAY, this::cycleOverlay);
    window.actions().on(ActionId.LABEL_NEXT, labelNext::jump);
    window.actions().on(ActionId.EXPORT, () -> org.pc2seg.gui.export.ExportAction.run(ws));
    ws.projectProperty().addListener((o, a, p) -> projectChanged(p));
    ws.unsavedProperty()
        .addListener(
            (o, was, now) -> {
              if (was && !now) {
                retrain.masksSaved(System.currentTimeMillis());
              }
            });
    retrainPoll =
        new Timeline(
            new KeyFrame(
                Duration.seconds(1),
                e -> {
                  if (retrain.poll(System.currentTimeMillis(), controller.isRunning())) {
                    Project p = ws.project();
                    train(p == null ? null : p.activeModel().orElse(null));
                  }
                }));
    retrainPoll.setCycleCount(Timeline.INDEFINITE);
    retrainPoll.play();
    window.imageList().setAnnotation(pool::annotation);
    window.onImagesAdded(
        added -> {
          Project p = ws.project();
          if (p != null && !controller.isRunning()) {
            pool.predictWithActiveModel(p, added); // during a run, its end predicts all
          }
        });
    applyOverlayMode(controls.overlay.getValue());
    projectChanged(ws.project());
    window.stage().addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> shutdown());
  }

  /** Shows the shown image's share of the negatives drawn in recent steps. */
  private void showDraws() {
    ImageItem item = ws.viewer().currentItem();
    if (item == null || draws.size() == 0) {
      return;
    }
    String stem = item.stem();
    String file = item.fileName();
    drawsPane.show(
        item.fileName(),
        draws.forImage(
            n ->
                n.equals(item.path())
                    || n.equals(file)
                    || n.equals(stem)
                    || n.endsWith("/" + file)),
        draws.size());
  }

  private void projectChanged(Project p) {
    pool.cancel();
    predictionOverlay.setProject(p);
    heatmapPane.setProject(p);
    heatmapPane.setStripItems(() -> p == null ? List.of() : p.unlabeledPool());
    heatmapPane.setSource(() -> activeSource(p));

    draws.clear();
    labelNext.projectChanged(p);
    panel
        .charts()
        .setClassNames(p == null ? List.of() : p.classes().stream().map(c -> c.name()).toList());
    panel.projectChanged();
    refreshRuns();
    if (p != null) {
      pool.projectOpened(p);
    }
  }

  private org.pc2seg.active.ProbabilitySource activeSource(Project p) {
    if (p == null || p.activeModel().isEmpty()) {
      return null;
    }
    Path run = p.activeModel().get();
    return item -> engine.probabilities(p, run).probabilities(item);
  }

  /** Starts a run (fine-tuning from {@code initFrom} when not null). */
  public void train(Path initFrom) {
    Project p = ws.project();
    if (p == null) {
      ws.messageProperty().set("Open a project before training.");
      return;
    }
    if (controller.isRunning()) {
      return;
    }
    ws.save();
    pool.cancel();
    TrainingSettings s =
        initFrom == null ? settings : settings.withSteps(Math.max(20, settings.steps() / 2));
    String name = initFrom == null ? "Training" : "Fine-tuning round " + retrain.rounds();
    trainingProject = p;
    if (p.labeledValItems().isEmpty()) {
      ws.messageProperty()
          .set(
              "Training without validation images (no mIoU; the last model is kept): press V on"
                  + " a labeled image.");
    }
    controller.start(name, engine.trainJob(p, s, initFrom), end -> runEnded(p, end));
  }

  private void runEnded(Project p, TrainingController.RunEnd<TrainingEngine.RunResult> end) {
    TrainingEngine.RunResult r = end.result();
    boolean model = r != null && r.runDir() != null && p == ws.project();
    if (model) {
      p.setActiveModel(r.runDir());
      ws.saveProject();
    }
    refreshRuns();
    if (end.outcome() == TrainingController.Outcome.FAILED) {
      ws.messageProperty().set("Training failed: " + TrainingController.describe(end.error()));
    }
    if (model) {
      heatmapPane.invalidate();
      pool.predict(p, r.runDir());
    }
  }

  /** Copies the thresholded prediction into the mask as one undoable stroke. */
  public void acceptPrediction() {
    if (window.viewer().toolProperty().get() == window.polygonTool()
        && window.polygonTool().vertexCount() >= 3) {
      window
          .polygonTool()
          .key(
              new KeyEvent(
                  KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
      return;
    }
    MaskEditSession s = ws.session();
    PredictionImage pred = predictionOverlay.predictionProperty().get();
    if (s == null || pred == null) {
      ws.messageProperty().set("No prediction to accept for this image.");
      return;
    }
    double t = controls.confidence.getValue();
    PredictionAccept.apply(s, pred, t)
        .ifPresentOrElse(
            edit -> {
              ws.repaint(edit.bounds());
              ws.strokeFinished();
              ws.messageProperty()
                  .set("Accepted the prediction (confidence ≥ " + t + "); Ctrl+Z undoes it.");
            },
            () -> ws.messageProperty().set(PredictionAccept.whyNothingChanged(pred, t)));
  }

  private void cycleOverlay() {
    OverlayMode[] m = OverlayMode.values();
    controls.overlay.setValue(m[(controls.overlay.getValue().ordinal() + 1) % m.length]);
  }

  private void applyOverlayMode(OverlayMode m) {
    ws.overlayVisibleProperty().set(m.showsMask());
    predictionOverlay.node().setVisible(m.showsPrediction());
  }

  private void editSettings() {
    new TrainingSettingsDialog(settings)
        .showAndWait()
        .ifPresent(
            s -> {
              settings = s;
              ws.tasks().execute(() -> settingsStore.save(s)); // remembered for the next session
            });
  }

  private void showMonitor() {
    if (monitor == null) {
      monitor = new Stage();
      monitor.initOwner(window.stage());
      monitor.setTitle("PC²Seg Studio — training");
      monitor.setScene(new Scene(panel, 720, 820));
    }
    monitor.show();
    monitor.toFront();
  }

  private void refreshRuns() {
    Project p = ws.project();
    if (p == null) {
      panel.runsTable().setRuns(List.of());
      panel.setActiveModel(null);
      return;
    }
    ws.tasks()
        .execute(
            () -> {
              List<RunSummary> runs = engine.runs(p);
              Platform.runLater(
                  () -> {
                    panel.runsTable().setRuns(runs);
                    Path active = p.activeModel().orElse(null);
                    panel.setActiveModel(active);
                    controls.activeModel.setText(RunSummary.activeModelText(active, runs));
                  });
            });
  }

  /** Stops training and prediction (window closing). */
  public void shutdown() {
    retrainPoll.stop(); // a round must not start on the executor being shut down
    pool.cancel();
    controller.shutdown(3000);
    predictor.shutdownNow();
    heatmaps.shutdownNow();
  }

  private static ExecutorService background(String name) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          t.setPriority(Thread.MIN_PRIORITY);
          return t;
        });
  }

  public TrainingController controller() {
    return controller;
  }

  public ModelControls controls() {
    return controls;
  }

  public TrainingPanel panel() {
    return panel;
  }

  public PredictionOverlay predictionOverlay() {
    return predictionOverlay;
  }

  public HeatmapOverlay heatmapOverlay() {
    return heatmapOverlay;
  }

  public HeatmapPane heatmapPane() {
    return heatmapPane;
  }

  public LabelNext labelNext() {
    return labelNext;
  }

  public void setSettings(TrainingSettings s) {
    this.settings = s;
  }

  public TrainingSettings settings() {
    return settings;
  }
}
