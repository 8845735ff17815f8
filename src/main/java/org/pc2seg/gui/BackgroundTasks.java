package org.pc2seg.gui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/**
 * The one executor for long work (loading, importing, training) with a pending-task property that
 * buttons bind to ({@code disableProperty().bind(tasks.pendingTaskProperty().isNotNull())}) and the
 * status bar shows. Threads are daemons named {@code pc2seg-worker-N}; {@link #shutdown} cancels
 * what is queued on exit.
 */
public final class BackgroundTasks {
  private final ExecutorService executor;
  private final ReadOnlyObjectWrapper<Task<?>> pendingTask = new ReadOnlyObjectWrapper<>();

  public BackgroundTasks() {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory f =
        r -> {
          Thread t = new Thread(r, "pc2seg-worker-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    executor = Executors.newFixedThreadPool(2, f);
  }

  /**
   * Runs a user-visible task (shown in the status bar, cancellable); it becomes the pending task
   * until it ends.
   */
  public <T> Task<T> submit(Task<T> task) {
    runOnFx(() -> pendingTask.set(task));
    task.stateProperty()
        .addListener(
            (o, a, s) -> {
              if (s == Worker.State.SUCCEEDED
                  || s == Worker.State.FAILED
                  || s == Worker.State.CANCELLED) {
                if (pendingTask.get() == task) {
                  pendingTask.set(null);
                }
              }
            });
    executor.execute(task);
    return task;
  }

  /**
   * Runs quiet background work (decoding, prefetching) that is not the pending task. Once {@link
   * #shutdown} ran (the window is closing) the work is dropped: a training run that ends while the
   * window closes still reports back, and its follow-up work has nowhere left to go.
   */
  public void execute(Runnable r) {
    try {
      executor.execute(r);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // shut down: nothing is left to refresh
    }
  }

  /** The user-visible task in progress, or null. */
  public ReadOnlyObjectProperty<Task<?>> pendingTaskProperty() {
    return pendingTask.getReadOnlyProperty();
  }

  public void shutdown() {
    Task<?> t = pendingTask.get();
    if (t != null) {
      t.cancel();
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void runOnFx(Runnable r) {
    if (Platform.isFxApplicationThread()) {
      r.run();
    } else {
      Platform.runLater(r);
    }
  }
}
