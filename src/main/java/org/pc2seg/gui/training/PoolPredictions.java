package org.pc2seg.gui.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import org.pc2seg.gui.StudioWindow;
import org.pc2seg.gui.Workspace;
import org.pc2seg.gui.overlay.PredictionImage;
import org.pc2seg.gui.overlay.PredictionOverlay;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;

/**
 * After each checkpoint: predicts the visible image with it. After a run: predicts the visible
 * image first, then the rest of the pool, into {@code predictions/}, keeps each image's mean
 * confidence for the image list, then refreshes the label-next ranking. Runs on the given executor;
 * a new run or project cancels it.
 */
final class PoolPredictions {
  private final StudioWindow window;
  private final Workspace ws;
  private final TrainingEngine engine;
  private final Executor predictor;
  private final PredictionOverlay predictionOverlay;
  private final LabelNext labelNext;
  private final Map<String, Double> meanConfidence = new ConcurrentHashMap<>();
  private volatile CancelToken predictionCancel = new CancelToken();
  private volatile CancelToken previewCancel = new CancelToken();
  private final java.util.concurrent.atomic.AtomicBoolean previewing =
      new java.util.concurrent.atomic.AtomicBoolean();

  PoolPredictions(
      StudioWindow window,
      TrainingEngine engine,
      Executor predictor,
      PredictionOverlay overlay,
      LabelNext labelNext) {
    this.window = window;
    this.ws = window.workspace();
    this.engine = engine;
    this.predictor = predictor;
    this.predictionOverlay = overlay;
    this.labelNext = labelNext;
  }

  /** Stops the prediction in progress, if any. */
  void cancel() {
    predictionCancel.cancel();
    previewCancel.cancel();
  }

  /**
   * A project was opened: reads the mean confidence of its existing predictions, then predicts,
   * with the active model, the images that have none (the app was closed while it predicted the
   * pool, or the model was trained from the command line).
   */
  void projectOpened(Project p) {
    meanConfidence.clear();
    submit(
        () -> {
          List<ImageItem> missing = loadMeanConfidences(p);
          if (!missing.isEmpty()) {
            Platform.runLater(
                () -> {
                  if (ws.project() == p) {
                    predictWithActiveModel(p, missing);
                  }
                });
          }
        });
  }

  /** Predicts the visible image first, then the rest of the pool, then refreshes the ranking. */
  void predict(Project p, Path runDir) {
    predict(p, runDir, p.items());
  }

  /**
   * Predicts {@code items} with the project's active model, if it has one (images added to the
   * project, or left unpredicted when it was last open), so they get an overlay, a confidence in
   * the list and a place in the label-next ranking.
   */
  void predictWithActiveModel(Project p, List<ImageItem> items) {
    Path run = p.activeModel().orElse(null);
    if (run != null && !items.isEmpty() && java.nio.file.Files.isDirectory(run)) {
      predict(p, run, items);
    }
  }

  /** Predicts {@code items} (the visible one first), then refreshes the ranking. */
  private void predict(Project p, Path runDir, List<ImageItem> items) {
    // One token for the predictions queued since the last cancel, so cancel() stops them all.
    CancelToken cancel = predictionCancel.isCancelled() ? new CancelToken() : predictionCancel;
    predictionCancel = cancel;
    List<ImageItem> order = new ArrayList<>();
    ImageItem shown = ws.viewer().currentItem();
    if (shown != null && items.contains(shown)) {
      order.add(shown);
    }
    for (ImageItem i : items) {
      if (i != shown && i.status() != org.pc2seg.project.ImageStatus.BROKEN) {
        order.add(i);
      }
    }
    FxEventPump<Object> refresh = new FxEventPump<>(batch -> window.imageList().refresh());
    submit(
        () -> {
          try {
            int n =
                engine.predict(
                    p,
                    runDir,
                    order,
                    (index, total, item, pred) -> {
                      meanConfidence.put(item.path(), pred.meanConfidence());
                      Platform.runLater(() -> predicted(item, pred, index, total));
                      refresh.post(item);
                    },
                    cancel);
            if (!cancel.isCancelled()) {
              Platform.runLater(() -> ws.messageProperty().set("Predicted " + n + " images."));
              labelNext.rank(p, runDir, cancel);
            }
          } catch (Exception e) {
            Platform.runLater(
                () -> ws.messageProperty().set("Prediction failed: " + e.getMessage()));
          }
        });
  }

  /**
   * A checkpoint of a run still training was written: predicts the visible image with it, so the
   * overlay improves while training goes on (the pool waits for the end of the run). Skipped while
   * the previous preview is still running.
   */
  void preview(Project p, Path runDir, int step) {
    ImageItem shown = ws.viewer().currentItem();
    if (shown == null || !previewing.compareAndSet(false, true)) {
      return;
    }
    CancelToken cancel = new CancelToken();
    previewCancel = cancel;
    submit(
        () -> {
          try {
            engine.predictCheckpoint(
                p,
                runDir,
                List.of(shown),
                (index, total, item, pred) -> {
                  meanConfidence.put(item.path(), pred.meanConfidence());
                  Platform.runLater(
                      () -> {
                        showIfVisible(item, pred);
                        ws.messageProperty()
                            .set("Prediction from the checkpoint at step " + step + ".");
                        window.imageList().refresh();
                      });
                },
                cancel);
          } catch (Exception e) {
            Platform.runLater(
                () -> ws.messageProperty().set("Checkpoint preview failed: " + e.getMessage()));
          } finally {
            previewing.set(false);
          }
        });
  }

  /** Runs on the prediction executor; once the window is closing (executor shut down), drops it. */
  private void submit(Runnable r) {
    try {
      predictor.execute(r);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      previewing.set(false);
    }
  }

  private void predicted(ImageItem item, PredictionImage pred, int index, int total) {
    showIfVisible(item, pred);
    ws.messageProperty().set("Predicting the pool: " + (index + 1) + " / " + total);
  }

  /** Shows a fresh prediction as the overlay when its image is the one on screen (FX thread). */
  private void showIfVisible(ImageItem item, PredictionImage pred) {
    if (item == ws.viewer().currentItem()) {
      predictionOverlay.show(pred);
    }
  }

  /** Reads the mean confidence of each existing prediction; returns the images without one. */
  private List<ImageItem> loadMeanConfidences(Project p) {
    List<ImageItem> missing = new ArrayList<>();
    for (ImageItem i : p.items()) {
      try {
        PredictionImage.read(p, i)
            .ifPresentOrElse(
                r -> meanConfidence.put(i.path(), r.meanConfidence()), () -> missing.add(i));
      } catch (Exception ignored) {
        // an unreadable prediction simply shows no confidence (and is not predicted again here)
      }
    }
    Platform.runLater(() -> window.imageList().refresh());
    return missing;
  }

  String annotation(ImageItem item) {
    StringBuilder sb = new StringBuilder();
    Double c = meanConfidence.get(item.path());
    if (c != null) {
      sb.append(String.format(java.util.Locale.ROOT, " · conf %.0f %%", 100 * c));
    }
    sb.append(labelNext.annotation(item));
    return sb.toString();
  }
}
