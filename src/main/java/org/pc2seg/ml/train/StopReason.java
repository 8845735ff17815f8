package org.pc2seg.ml.train;

/** Why a run ended. */
public enum StopReason {
  /** All steps done. */
  COMPLETED,
  /** The cancel token was set; a checkpoint of the last step was written. */
  CANCELLED,
  /** The loss became NaN or infinite; the last good checkpoint is kept. */
  NAN_LOSS,
  /** Out of memory; lower batch or crop. */
  OUT_OF_MEMORY
}
