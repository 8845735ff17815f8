package org.pc2seg.ml.train;

/** Cooperative cancellation: the trainer checks it once per step and stops cleanly. */
public final class CancelToken {
  private volatile boolean cancelled;

  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }
}
