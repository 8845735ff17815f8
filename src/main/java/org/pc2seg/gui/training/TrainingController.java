package org.pc2seg.gui.training;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.ml.train.TrainingListener;
import org.pc2seg.ml.train.TrainingProgress;
import org.pc2seg.ml.train.ValidationMetrics;

/**
 * Runs training jobs on one named, low-priority background thread and republishes their events on
 * the FX thread (PDFsam's request/controller pattern). The GUI never calls the engine directly: it
 * hands a {@link TrainingJob} to {@link #start}, binds its Train button to {@link
 * #runningProperty()} and its Stop button to {@link #stop()}.
 *
 * <p>All public methods except {@link #stop()} and {@link #close()} must be called on the FX
 * thread. Events reach FX listeners batched through an {@link FxEventPump}, so a fast trainer
 * cannot flood the FX queue.
 */
public final class TrainingController implements AutoCloseable {
  /** How a run ended. */
  public enum Outcome {
    SUCCEEDED,
    CANCELLED,
    FAILED
  }

  /**
   * The end of a run, delivered on the FX thread.
   *
   * @param name the run's display name
   * @param outcome how it ended
   * @param result what the job returned (null unless it returned normally)
   * @param error the failure (null unless FAILED)
   * @param <R> result type
   */
  public record RunEnd<R>(String name, Outcome outcome, R result, Throwable error) {}

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ExecutorService executor;
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
  private final ReadOnlyStringWrapper runName = new ReadOnlyStringWrapper(this, "runName");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Idle");
  private final ReadOnlyObjectWrapper<TrainingProgress> progress =
      new ReadOnlyObjectWrapper<>(this, "progress");
  private final ReadOnlyObjectWrapper<ValidationMetrics> validation =
      new ReadOnlyObjectWrapper<>(this, "validation");
  private final List<TrainingListener> fxListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> batchListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<RunEnd<?>>> endListeners = new CopyOnWriteArrayList<>();
  private volatile CancelToken cancel;

  /** A controller whose worker thread runs at {@link Thread#MIN_PRIORITY}. */
  public TrainingController() {
    this(Thread.MIN_PRIORITY);
  }

  /** A controller whose single worker thread, {@code pc2seg-training-N}, has this priority. */
  public TrainingController(int threadPriority) {
    int pool = POOLS.incrementAndGet();
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "pc2seg-training-" + pool);
              t.setDaemon(true);
              t.setPriority(threadPriority);
              return t;
            });
  }

  /**
   * Starts {@code job} unless a run is already active or the controller was shut down (then returns
   * false and does nothing). Call on the FX thread; {@code onEnd} is called there once the job has
   * finished and every event it posted has been delivered.
   */
  public <R> boolean start(String name, TrainingJob<R> job, Consumer<RunEnd<R>> onEnd) {
    Objects.requireNonNull(job);
    if (running.get() || executor.isShutdown()) {
      return false;
    }
    CancelToken token = new CancelToken();
    cancel = token;
    running.set(true);
    runName.set(name);
    status.set("Starting " + name + "…");
    progress.set(null);
    validation.set(null);
    FxEventPump<TrainingEvent> pump = new FxEventPump<>(this::deliver);
    TrainingListener relay = new RelayListener(pump);
    executor.execute(
        () -> {
          RunEnd<R> end;
          try {
            R r = job.run(relay, token);
            end =
                new RunEnd<>(
                    name, token.isCancelled() ? Outcome.CANCELLED : Outcome.SUCCEEDED, r, null);
          } catch (Throwable t) {
            end =
                token.isCancelled() && t instanceof InterruptedException
                    ? new RunEnd<>(name, Outcome.CANCELLED, null, null)
                    : new RunEnd<>(name, Outcome.FAILED, null, t);
          }
          RunEnd<R> fin = end;
          // through the pump, behind every event the job posted: the end is delivered last
          pump.post(new TrainingEvent.Ended(() -> finish(fin, onEnd)));
        });
    return true;
  }

  /** Asks the active run to stop after its current step; callable from any thread. */
  public void stop() {
    CancelToken c = cancel;
    if (c != null) {
      c.cancel();
      Platform.runLater(
          () -> {
            if (running.get()) {
              status.set("Stopping after the current step…");
            }
          });
    }
  }

  /** True from {@link #start} until the run's end has been delivered on the FX thread. */
  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  public boolean isRunning() {
    return running.get();
  }

  /** Name of the current or last run. */
  public ReadOnlyStringProperty runNameProperty() {
    return runName.getReadOnlyProperty();
  }

  /** A one-line status for a footer. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The latest step report of the current run (null before the first step). */
  public ReadOnlyObjectProperty<TrainingProgress> progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** The latest validation of the current run (null before the first). */
  public ReadOnlyObjectProperty<ValidationMetrics> validationProperty() {
    return validation.getReadOnlyProperty();
  }

  /** Adds a listener that receives every training event on the FX thread, in order. */
  public void addFxListener(TrainingListener l) {
    fxListeners.add(l);
  }

  public void removeFxListener(TrainingListener l) {
    fxListeners.remove(l);
  }

  /**
   * Adds a callback run on the FX thread after each batch of events was delivered: the place to
   * refresh views once per batch instead of once per event.
   */
  public void addBatchListener(Runnable r) {
    batchListeners.add(r);
  }

  /** Adds a listener told on the FX thread whenever a run ends. */
  public void addEndListener(Consumer<RunEnd<?>> l) {
    endListeners.add(l);
  }

  /** Cancels any run and stops the worker thread (waits up to {@code millis} for it). */
  public void shutdown(long millis) {
    stop();
    executor.shutdown();
    try {
      executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    shutdown(5000);
  }

  private void deliver(List<TrainingEvent> batch) {
    TrainingProgress lastProgress = null;
    Runnable ended = null;
    for (TrainingEvent e : batch) {
      if (e instanceof TrainingEvent.Ended end) {
        ended = end.finish();
        continue;
      }
      for (TrainingListener l : fxListeners) {
        dispatch(e, l);
      }
      if (e instanceof TrainingEvent.Progress p) {
        lastProgress = p.progress();
      } else if (e instanceof TrainingEvent.Validation v) {
        validation.set(v.metrics());
      } else if (e instanceof TrainingEvent.Message m) {
        status.set(m.text());
      }
    }
    if (lastProgress != null) {
      progress.set(lastProgress);
      if (cancel == null || !cancel.isCancelled()) {
        status.set(
            runName.get() + ": step " + lastProgress.step() + " / " + lastProgress.totalSteps());
      }
    }
    for (Runnable r : batchListeners) {
      r.run();
    }
    if (ended != null) {
      ended.run();
    }
  }

  private static void dispatch(TrainingEvent e, TrainingListener l) {
    if (e instanceof TrainingEvent.Progress p) {
      l.onProgress(p.progress());
    } else if (e instanceof TrainingEvent.Validation v) {
      l.onValidation(v.metrics());
    } else if (e instanceof TrainingEvent.Checkpoint c) {
      l.onCheckpoint(c.dir(), c.step());
    } else if (e instanceof TrainingEvent.Message m) {
      l.onMessage(m.text());
    } else if (e instanceof TrainingEvent.Negatives n) {
      l.onNegatives(n.draws());
    }
  }

  private <R> void finish(RunEnd<R> end, Consumer<RunEnd<R>> onEnd) {
    running.set(false);
    cancel = null;
    status.set(
        switch (end.outcome()) {
          case SUCCEEDED -> end.name() + " finished";
          case CANCELLED -> end.name() + " stopped";
          case FAILED -> end.name() + " failed: " + describe(end.error());
        });
    if (onEnd != null) {
      onEnd.accept(end);
    }
    for (Consumer<RunEnd<?>> l : endListeners) {
      l.accept(end);
    }
  }

  static String describe(Throwable t) {
    if (t == null) {
      return "unknown error";
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  /** Posts engine events into the pump; runs on the training thread and never blocks. */
  private static final class RelayListener implements TrainingListener {
    private final FxEventPump<TrainingEvent> pump;

    RelayListener(FxEventPump<TrainingEvent> pump) {
      this.pump = pump;
    }

    @Override
    public void onProgress(TrainingProgress p) {
      pump.post(new TrainingEvent.Progress(p));
    }

    @Override
    public void onValidation(ValidationMetrics m) {
      pump.post(new TrainingEvent.Validation(m));
    }

    @Override
    public void onCheckpoint(java.nio.file.Path dir, int step) {
      pump.post(new TrainingEvent.Checkpoint(dir, step));
    }

    @Override
    public void onMessage(String message) {
      pump.post(new TrainingEvent.Message(message));
    }

    @Override
    public void onNegatives(org.pc2seg.ml.train.NegativeDraws draws) {
      pump.post(new TrainingEvent.Negatives(draws));
    }
  }
}
