package org.pc2seg.ml.train;

import java.nio.file.Path;

/**
 * What a run produced.
 *
 * @param runDir the run folder (weights, config.json, classes.json, metrics.json)
 * @param stepsDone steps completed
 * @param reason why it stopped
 * @param message a human-readable summary (why it stopped, what to change)
 * @param lastValidation the last validation, or null when there is no validation set
 * @param bestValidation the best validation (its weights are best.params), or null
 * @param finalLoss loss of the last step
 * @param wallMillis wall time of the run
 */
public record TrainingResult(
    Path runDir,
    int stepsDone,
    StopReason reason,
    String message,
    ValidationMetrics lastValidation,
    ValidationMetrics bestValidation,
    double finalLoss,
    long wallMillis) {

  /** Whether the run did all its steps. */
  public boolean completed() {
    return reason == StopReason.COMPLETED;
  }
}
