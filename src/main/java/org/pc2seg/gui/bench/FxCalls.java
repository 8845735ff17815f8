package org.pc2seg.gui.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Runs code on the FX thread from the benchmark thread and waits for the result. */
final class FxCalls {
  private FxCalls() {}

  static <T> T call(Supplier<T> s) {
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            f.complete(s.get());
          } catch (Throwable t) {
            f.completeExceptionally(t);
          }
        });
    try {
      return f.get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void run(Runnable r) {
    call(
        () -> {
          r.run();
          return null;
        });
  }

  /** Polls a condition (evaluated on the FX thread) until it holds. */
  static void await(BooleanSupplier cond, long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (!call(cond::getAsBoolean)) {
      if (System.currentTimeMillis() > end) {
        throw new IllegalStateException("timed out");
      }
      Thread.sleep(2);
    }
  }
}
