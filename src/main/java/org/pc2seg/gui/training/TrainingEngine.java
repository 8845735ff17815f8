package org.pc2seg.gui.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pc2seg.active.ProbabilitySource;
import org.pc2seg.gui.overlay.PredictionImage;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.ml.train.RunHistory;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;

/**
 * What the training GUI needs from the ML engine, as one seam: the window calls these from
 * background threads only, and tests can drive the GUI with a small engine of their own. {@link
 * DjlTrainingEngine} is the real one.
 */
public interface TrainingEngine {
  /**
   * What a training job returns.
   *
   * @param runDir the run folder written (null if none)
   * @param steps steps done
   * @param message a one-line summary
   */
  record RunResult(Path runDir, int steps, String message) {}

  /** Called after each image is predicted (on the prediction thread). */
  @FunctionalInterface
  interface PredictionCallback {
    void predicted(int index, int total, ImageItem item, PredictionImage prediction);
  }

  /**
   * A job that trains a new run on the project's masks and unlabeled pool and returns it; {@code
   * initFrom} is a run folder to fine-tune from, or null. Called on the FX thread; the job runs on
   * the training thread and must not modify {@code project}: the caller makes the run the active
   * model, on the FX thread, when the job ends.
   */
  TrainingJob<RunResult> trainJob(Project project, TrainingSettings settings, Path initFrom);

  /**
   * Predicts {@code order} one image at a time with the model in {@code runDir}, writing {@code
   * predictions/}; returns how many were done (fewer when cancelled).
   */
  int predict(
      Project project,
      Path runDir,
      List<ImageItem> order,
      PredictionCallback callback,
      CancelToken cancel)
      throws IOException;

  /**
   * Predicts {@code order} with the last checkpoint of the run in {@code runDir}, which is still
   * training, writing {@code predictions/}: an early look while the run goes on. Returns how many
   * were done; engines without checkpoints do nothing.
   */
  default int predictCheckpoint(
      Project project,
      Path runDir,
      List<ImageItem> order,
      PredictionCallback callback,
      CancelToken cancel)
      throws IOException {
    return 0;
  }

  /** Class probabilities of images from the model in {@code runDir} (heat-map, ranking). */
  ProbabilitySource probabilities(Project project, Path runDir) throws IOException;

  /** The project's runs, newest first. */
  List<RunSummary> runs(Project project);

  /** The loss curve and validations the run in {@code runDir} recorded, for its charts. */
  default RunHistory history(Path runDir) throws IOException {
    return RunHistory.read(runDir);
  }
}
