package org.pc2seg.gui.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.pc2seg.ml.train.RunHistory;
import org.pc2seg.ml.train.TrainingListener;
import org.pc2seg.ml.train.TrainingProgress;
import org.pc2seg.ml.train.ValidationMetrics;

/**
 * The training pane: Train / Stop / Settings / Auto-retrain buttons, a progress bar with steps/s
 * and ETA, the live loss and mIoU charts and the runs list. It only listens to a {@link
 * TrainingController}; what Train and Settings do is set by the window that owns it.
 */
public final class TrainingPanel extends VBox {
  /**
   * The charts are redrawn at most this often while a run reports: a chart layout with hundreds of
   * points is the most expensive thing the panel does, and nobody reads a curve faster than that.
   */
  static final long CHART_PERIOD_MILLIS = 250;

  private final TrainingController controller;
  private final Button train = new Button("Train");
  private final Button stop = new Button("Stop");
  private final Button settings = new Button("Settings…");
  private final ToggleButton autoRetrain = new ToggleButton("Auto-retrain");
  private final ProgressBar bar = new ProgressBar(0);
  private final Label stats = new Label();
  private final Label status = new Label();
  private final TrainingCharts charts = new TrainingCharts();
  private final RunsTable runs = new RunsTable();
  private final Label activeModel = new Label("Active model: none");
  private final RateMeter rate = new RateMeter(20);
  private TrainingProgress last;
  private final PauseTransition chartTimer = new PauseTransition();
  private long lastChartSync = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

  /** Reads a run's recorded curves, off the FX thread; set by the owner. */
  @FunctionalInterface
  public interface HistoryReader {
    RunHistory read(Path runDir) throws IOException;
  }

  private HistoryReader historyReader;
  private Executor historyExecutor;

  /** Counts history requests: a slow earlier read must not replace the charts of a later one. */
  private long historyRequest;

  /**
   * The charts hold the curves of a run trained in this session; they stay until a row is picked.
   */
  private boolean liveCurves;

  public TrainingPanel(TrainingController controller) {
    this.controller = controller;
    setSpacing(6);
    setPadding(new Insets(8));
    getStyleClass().add("training-panel");
    train.setId("train-button");
    stop.setId("stop-button");
    autoRetrain.setId("auto-retrain");
    train.setTooltip(
        new Tooltip("Train a model on the saved masks and the unlabeled pool (Ctrl+T)"));
    stop.setTooltip(new Tooltip("Stop after the current step; the last checkpoint is kept"));
    autoRetrain.setTooltip(
        new Tooltip("After you save masks and pause, fine-tune the current model (a new run)"));
    train.disableProperty().bind(controller.runningProperty());
    stop.disableProperty().bind(controller.runningProperty().not());
    stop.setOnAction(e -> controller.stop());
    bar.setMaxWidth(Double.MAX_VALUE);
    bar.setId("training-progress");
    stats.setId("training-stats");
    activeModel.setId("monitor-active-model");
    status.textProperty().bind(controller.statusProperty());
    status.setWrapText(true);
    HBox buttons = new HBox(6, train, stop, settings, autoRetrain);
    HBox.setHgrow(bar, Priority.ALWAYS);
    getChildren()
        .addAll(
            buttons, bar, stats, status, charts.lossChart(), charts.miouChart(), activeModel, runs);
    VBox.setVgrow(charts.lossChart(), Priority.ALWAYS);
    VBox.setVgrow(charts.miouChart(), Priority.SOMETIMES);
    controller.addFxListener(
        new TrainingListener() {
          @Override
          public void onProgress(TrainingProgress p) {
            recordProgress(p);
          }

          @Override
          public void onValidation(ValidationMetrics m) {
            charts.addValidation(m);
          }
        });
    chartTimer.setOnFinished(e -> syncCharts());
    controller.addBatchListener(this::refresh);
    controller
        .runningProperty()
        .addListener(
            (o, was, now) -> {
              if (now) {
                historyRequest++; // a read still under way must not replace the live curves
                liveCurves = true;
                chartTimer.stop();
                charts.clear();
                rate.reset();
                last = null;
                bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
                stats.setText("Preparing data and model…");
              } else {
                syncCharts();
                if (bar.getProgress() < 0) {
                  bar.setProgress(0);
                }
              }
            });
    runs.activeRunProperty()
        .addListener(
            (o, a, b) -> {
              showActiveModel();
              selectActiveRunIfNone();
            });
    runs.getItems()
        .addListener(
            (javafx.collections.ListChangeListener<RunSummary>)
                c -> {
                  showActiveModel();
                  selectActiveRunIfNone();
                });
    runs.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null) {
                showRun(b);
              }
            });
  }

  /**
   * Lets the charts show a finished run: selecting a row draws its recorded curves (when no run is
   * in progress), and the active model's run is selected when nothing is.
   */
  public void setHistoryReader(HistoryReader reader, Executor executor) {
    this.historyReader = reader;
    this.historyExecutor = executor;
    selectActiveRunIfNone();
  }

  private void selectActiveRunIfNone() {
    if (historyReader == null
        || liveCurves
        || controller.isRunning()
        || runs.getSelectionModel().getSelectedItem() != null) {
      return;
    }
    Path active = runs.activeRunProperty().get();
    for (RunSummary r : runs.getItems()) {
      if (active != null && RunSummary.sameDir(r.dir(), active)) {
        runs.getSelectionModel().select(r);
        return;
      }
    }
  }

  /** Another project was opened: the charts drop the last one's curves and show its active run. */
  public void projectChanged() {
    historyRequest++;
    liveCurves = false;
    runs.activeRunProperty().set(null); // the old project's active run must not pick a row
    runs.getSelectionModel().clearSelection();
    charts.clear();
    stats.setText("");
  }

  /** Draws the recorded curves of {@code run}, read off the FX thread; not while a run trains. */
  private void showRun(RunSummary run) {
    if (historyReader == null || controller.isRunning()) {
      return;
    }
    long request = ++historyRequest;
    HistoryReader reader = historyReader;
    stats.setText("Reading " + run.name() + "…");
    historyExecutor.execute(
        () -> {
          RunHistory h;
          String error;
          try {
            h = reader.read(run.dir());
            error = null;
          } catch (IOException | RuntimeException e) {
            h = null;
            error = e.getMessage();
          }
          RunHistory history = h;
          String why = error;
          Platform.runLater(
              () -> {
                if (request != historyRequest || controller.isRunning()) {
                  return;
                }
                if (history == null) {
                  charts.clear();
                  stats.setText(run.name() + ": no curves to show (" + why + ")");
                  return;
                }
                charts.showHistory(history);
                stats.setText(historyText(run.name(), history));
              });
        });
  }

  /** "Run NAME: 400 of 400 steps, best mIoU 61.3 % at step 300". */
  static String historyText(String name, RunHistory h) {
    ValidationMetrics best = h.best();
    return String.format(
        Locale.ROOT,
        "Run %s: %d of %d steps%s",
        name,
        h.stepsDone(),
        h.plannedSteps(),
        best == null
            ? ", not validated"
            : String.format(
                Locale.ROOT, ", best mIoU %.1f %% at step %d", 100 * best.miou(), best.step()));
  }

  private void recordProgress(TrainingProgress p) {
    charts.addProgress(p);
    last = p;
  }

  /** Draws what the charts have collected now, and cancels a pending redraw. */
  private void syncCharts() {
    chartTimer.stop();
    charts.sync();
    lastChartSync = System.nanoTime();
  }

  /** Draws the charts now if the last redraw is old enough, else once the period has passed. */
  private void scheduleCharts() {
    if (chartTimer.getStatus() == Animation.Status.RUNNING) {
      return;
    }
    long waitMillis =
        CHART_PERIOD_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastChartSync);
    if (waitMillis <= 0) {
      syncCharts();
    } else {
      chartTimer.setDuration(Duration.millis(waitMillis));
      chartTimer.playFromStart();
    }
  }

  private void refresh() {
    scheduleCharts();
    TrainingProgress p = last;
    if (p == null) {
      return;
    }
    rate.record(p.step(), System.nanoTime());
    bar.setProgress(p.totalSteps() > 0 ? p.step() / (double) p.totalSteps() : -1);
    double sps = rate.stepsPerSecond();
    long eta = p.etaMillis() > 0 ? p.etaMillis() : rate.etaMillis(p.totalSteps() - p.step());
    stats.setText(
        String.format(
            Locale.ROOT,
            "step %d / %d   %s steps/s   %.1f img/s   ETA %s   loss %.4f",
            p.step(),
            p.totalSteps(),
            Double.isNaN(sps) ? "–" : String.format(Locale.ROOT, "%.2f", sps),
            p.imagesPerSecond(),
            RateMeter.formatDuration(eta),
            p.loss()));
  }

  public Button trainButton() {
    return train;
  }

  public Button stopButton() {
    return stop;
  }

  public Button settingsButton() {
    return settings;
  }

  public ToggleButton autoRetrainToggle() {
    return autoRetrain;
  }

  public TrainingCharts charts() {
    return charts;
  }

  public RunsTable runsTable() {
    return runs;
  }

  public ProgressBar progressBar() {
    return bar;
  }

  public Label statsLabel() {
    return stats;
  }

  /** The active model's name and best validation mIoU, as the Model pane shows them. */
  private void showActiveModel() {
    activeModel.setText(
        RunSummary.activeModelText(runs.activeRunProperty().get(), runs.getItems()));
  }

  /** Shows which run folder is the active model (null: none). */
  public void setActiveModel(Path runDir) {
    runs.activeRunProperty().set(runDir);
  }

  public TrainingController controller() {
    return controller;
  }
}
