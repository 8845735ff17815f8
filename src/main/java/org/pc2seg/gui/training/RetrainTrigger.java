package org.pc2seg.gui.training;

/**
 * Decides when auto-retrain starts a fine-tuning round: after the user saved masks and then paused
 * for {@code quietMillis} with no further save, and only while no training runs. Saves made during
 * a run are remembered and trigger the next round once it ends. Time is passed in, so the rule is
 * testable without waiting.
 */
public final class RetrainTrigger {
  private final long quietMillis;
  private boolean enabled;
  private boolean dirty;
  private long lastSave;
  private int rounds;

  public RetrainTrigger(long quietMillis) {
    if (quietMillis < 0) {
      throw new IllegalArgumentException("quiet time must not be negative: " + quietMillis);
    }
    this.quietMillis = quietMillis;
  }

  public void setEnabled(boolean on) {
    enabled = on;
  }

  public boolean isEnabled() {
    return enabled;
  }

  /** The user saved a mask at {@code nowMillis}. */
  public void masksSaved(long nowMillis) {
    dirty = true;
    lastSave = nowMillis;
  }

  /** Whether unsaved-into-a-model changes are waiting. */
  public boolean hasPendingChanges() {
    return dirty;
  }

  /**
   * True exactly once per batch of saves, when the round should start now: enabled, changes
   * pending, quiet long enough, and no run active. Returning true consumes the pending changes.
   */
  public boolean poll(long nowMillis, boolean training) {
    if (!enabled || !dirty || training || nowMillis - lastSave < quietMillis) {
      return false;
    }
    dirty = false;
    rounds++;
    return true;
  }

  /** Rounds started so far. */
  public int rounds() {
    return rounds;
  }
}
