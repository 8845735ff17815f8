package org.pc2seg.gui.training;

import java.nio.file.Path;
import org.pc2seg.ml.train.TrainingProgress;
import org.pc2seg.ml.train.ValidationMetrics;

/** What the training thread reports, as plain values the FX thread can replay. */
public sealed interface TrainingEvent {
  /** A step finished. */
  record Progress(TrainingProgress progress) implements TrainingEvent {}

  /** A validation finished. */
  record Validation(ValidationMetrics metrics) implements TrainingEvent {}

  /** A checkpoint was written. */
  record Checkpoint(Path dir, int step) implements TrainingEvent {}

  /** Where a step's negatives were drawn. */
  record Negatives(org.pc2seg.ml.train.NegativeDraws draws) implements TrainingEvent {}

  /** A human-readable message. */
  record Message(String text) implements TrainingEvent {}

  /**
   * The job returned or failed; always the last event of a run. {@code finish} runs on the FX
   * thread after every earlier event was delivered.
   */
  record Ended(Runnable finish) implements TrainingEvent {}
}
