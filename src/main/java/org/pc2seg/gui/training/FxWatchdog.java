package org.pc2seg.gui.training;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Measures how long the FX thread takes to run a trivial runnable, by pinging it from a daemon
 * thread every {@code periodMillis}. Two figures per ping:
 *
 * <ul>
 *   <li><b>delay</b>: wall time from posting to running. It includes time the OS did not schedule
 *       the process at all, so on a loaded machine it grows even when the FX thread is idle.
 *   <li><b>busy</b>: CPU time the FX thread itself spent between posting and running — the work
 *       that kept the ping waiting. This is the "FX thread blocked by our code" figure, and stays
 *       meaningful on a shared, overloaded machine.
 * </ul>
 *
 * Used by tests ("never blocked more than 100 ms while training") and benchmarks.
 */
public final class FxWatchdog implements AutoCloseable {
  private final long periodMillis;
  private final AtomicLong maxDelayNanos = new AtomicLong();
  private final AtomicLong maxBusyNanos = new AtomicLong();
  private final AtomicLong pings = new AtomicLong();
  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  private volatile long fxThreadId = -1;
  private final AtomicLong slowPings = new AtomicLong();
  private final long slowNanos;
  private final Thread thread;
  private volatile boolean stop;

  private FxWatchdog(long periodMillis, long slowMillis) {
    this.periodMillis = periodMillis;
    this.slowNanos = TimeUnit.MILLISECONDS.toNanos(slowMillis);
    this.thread = new Thread(this::loop, "pc2seg-fx-watchdog");
    thread.setDaemon(true);
  }

  /**
   * Starts pinging every {@code periodMillis}; pings slower than {@code slowMillis} are counted.
   */
  public static FxWatchdog start(long periodMillis, long slowMillis) {
    FxWatchdog w = new FxWatchdog(periodMillis, slowMillis);
    w.thread.start();
    return w;
  }

  private void loop() {
    while (!stop) {
      CountDownLatch done = new CountDownLatch(1);
      long[] busy = new long[1];
      long fx = fxThreadId;
      long cpu0 = fx >= 0 ? mx.getThreadCpuTime(fx) : -1;
      long t0 = System.nanoTime();
      Platform.runLater(
          () -> {
            if (fxThreadId < 0) {
              fxThreadId = Thread.currentThread().getId();
            } else if (cpu0 >= 0) {
              busy[0] = mx.getCurrentThreadCpuTime() - cpu0;
            }
            done.countDown();
          });
      try {
        // Wait as long as it takes: a hung FX thread shows up as one very late ping.
        while (!done.await(periodMillis, TimeUnit.MILLISECONDS)) {
          if (stop) {
            return;
          }
        }
        long d = System.nanoTime() - t0;
        pings.incrementAndGet();
        maxDelayNanos.accumulateAndGet(d, Math::max);
        maxBusyNanos.accumulateAndGet(busy[0], Math::max);
        if (d > slowNanos) {
          slowPings.incrementAndGet();
        }
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Longest time any ping waited for the FX thread, in milliseconds. */
  public double maxDelayMillis() {
    return maxDelayNanos.get() / 1e6;
  }

  /** Most CPU time the FX thread spent while any one ping waited, in milliseconds. */
  public double maxBusyMillis() {
    return maxBusyNanos.get() / 1e6;
  }

  /** Pings answered so far. */
  public long pings() {
    return pings.get();
  }

  /** Pings answered later than the slow threshold. */
  public long slowPings() {
    return slowPings.get();
  }

  @Override
  public void close() {
    stop = true;
    thread.interrupt();
  }
}
