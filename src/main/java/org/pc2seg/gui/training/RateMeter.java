package org.pc2seg.gui.training;

import java.util.ArrayDeque;
import java.util.Locale;

/** Steps per second over a sliding window of recent reports, and the ETA that follows from it. */
public final class RateMeter {
  private final ArrayDeque<long[]> window = new ArrayDeque<>();
  private final int size;

  public RateMeter(int size) {
    this.size = Math.max(2, size);
  }

  /** Records that {@code step} was reached at {@code nanos}. */
  public void record(int step, long nanos) {
    window.addLast(new long[] {step, nanos});
    while (window.size() > size) {
      window.removeFirst();
    }
  }

  public void reset() {
    window.clear();
  }

  /** Steps per second over the window, or NaN before two reports. */
  public double stepsPerSecond() {
    if (window.size() < 2) {
      return Double.NaN;
    }
    long[] a = window.peekFirst();
    long[] b = window.peekLast();
    long dt = b[1] - a[1];
    return dt <= 0 ? Double.NaN : (b[0] - a[0]) * 1e9 / dt;
  }

  /** Milliseconds left for {@code remaining} steps at the current rate, or -1 if unknown. */
  public long etaMillis(int remaining) {
    double r = stepsPerSecond();
    return Double.isFinite(r) && r > 0 ? Math.round(remaining / r * 1000) : -1;
  }

  /** {@code h:mm:ss} or {@code m:ss}; "–" when unknown. */
  public static String formatDuration(long millis) {
    if (millis < 0) {
      return "–";
    }
    long s = Math.round(millis / 1000.0);
    long h = s / 3600;
    long m = (s / 60) % 60;
    long sec = s % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
        : String.format(Locale.ROOT, "%d:%02d", m, sec);
  }
}
