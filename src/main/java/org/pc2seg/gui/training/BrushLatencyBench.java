package org.pc2seg.gui.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.input.MouseButton;
import org.pc2seg.gui.StudioWindow;
import org.pc2seg.gui.viewer.ToolEvent;
import org.pc2seg.gui.viewer.ViewerTool;

/**
 * Measures brush-event latency in a live window: a driver thread posts brush drag events to the FX
 * thread at {@code rateHz} and records, per event, the time from posting to the end of its handling
 * (the queueing a user feels plus the painting itself). Used by {@link BrushLatencyMain} idle and
 * with training running.
 */
public final class BrushLatencyBench {
  private BrushLatencyBench() {}

  /**
   * Figures of one measurement, in milliseconds: {@code p50}/{@code p99} of the handling time (wall
   * time inside the brush handler on the FX thread: painting the mask and the changed tiles), and
   * of the latency (from posting the event to the end of its handling, FX queueing included).
   */
  public record Figures(int events, double p50, double p99, double latencyP50, double latencyP99) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d events: handling p50 %.2f ms, p99 %.2f ms; latency p50 %.1f ms, p99 %.1f ms",
          events,
          p50,
          p99,
          latencyP50,
          latencyP99);
    }
  }

  /** Strokes back and forth across the shown image for {@code seconds}. */
  public static Figures measure(StudioWindow window, double seconds, int rateHz) throws Exception {
    ViewerTool tool = window.viewer().toolProperty().get();
    int w = window.viewer().image().width();
    int h = window.viewer().image().height();
    long periodNanos = 1_000_000_000L / rateHz;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    List<Double> lat = new ArrayList<>();
    List<Double> handling = new ArrayList<>();
    int i = 0;
    runAndWait(() -> tool.pressed(event(w * 0.1, h * 0.5)));
    while (System.nanoTime() < end) {
      double t = (i++ % 100) / 100.0;
      double x = w * (0.1 + 0.8 * t);
      double y = h * (0.3 + 0.4 * Math.abs(Math.sin(i / 7.0)));
      long t0 = System.nanoTime();
      CountDownLatch done = new CountDownLatch(1);
      long[] t1 = new long[2];
      Platform.runLater(
          () -> {
            long h0 = System.nanoTime();
            tool.dragged(event(x, y));
            t1[0] = System.nanoTime();
            t1[1] = t1[0] - h0;
            done.countDown();
          });
      if (!done.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("FX thread did not handle a brush event within 10 s");
      }
      lat.add((t1[0] - t0) / 1e6);
      handling.add(t1[1] / 1e6);
      long sleep = periodNanos - (System.nanoTime() - t0);
      if (sleep > 0) {
        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
      }
    }
    runAndWait(() -> tool.released(event(w * 0.9, h * 0.5)));
    double[] a = lat.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] hd = handling.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Figures(a.length, pct(hd, 0.5), pct(hd, 0.99), pct(a, 0.5), pct(a, 0.99));
  }

  static double pct(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int k = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
  }

  private static ToolEvent event(double x, double y) {
    return new ToolEvent(x, y, MouseButton.PRIMARY, false, false, 1);
  }

  static void runAndWait(Runnable r) throws InterruptedException {
    CountDownLatch l = new CountDownLatch(1);
    Platform.runLater(
        () -> {
          try {
            r.run();
          } finally {
            l.countDown();
          }
        });
    l.await(30, TimeUnit.SECONDS);
  }

  /** For tests: percentile of raw values. */
  static double percentile(double[] values, double q) {
    double[] s = values.clone();
    Arrays.sort(s);
    return pct(s, q);
  }
}
