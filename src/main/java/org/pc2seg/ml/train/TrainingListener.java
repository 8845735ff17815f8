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

  /** A human-readable message (start, device, warnings, why it stopped). */
  default void onMessage(String message) {}

  /** Does nothing. */
  TrainingListener NONE = p -> {};
}
