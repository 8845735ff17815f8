package org.pc2seg.ml.train;

import java.nio.file.Path;

/** Receives training events, on the training thread: implementations must return quickly. */
public interface TrainingListener {
  /** After each step. */
  void onProgress(TrainingProgress progress);

  /** After each validation. */
  default void onValidation(ValidationMetrics metrics) {}

  /** After a checkpoint was written to {@code dir}. */
  default void onCheckpoint(Path dir, int step) {}

  /**
   * Where the step's contrastive negatives were drawn (PC²Seg runs only; cheap per-image and
   * per-pixel counts for the GUI's aggregate heat-map).
   */
  default void onNegatives(NegativeDraws draws) {}

  /** A human-readable message (start, device, warnings, why it stopped). */
  default void onMessage(String message) {}

  /** Does nothing. */
  TrainingListener NONE = p -> {};
}
