package org.pc2seg.gui.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Moves events from any thread to the FX thread in batches. However fast events are posted, at most
 * one {@link Platform#runLater} is outstanding at a time, so a chatty producer can never flood the
 * FX event queue; the consumer receives every event, in order, grouped into lists.
 *
 * @param <T> event type
 */
public final class FxEventPump<T> {
  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Consumer<List<T>> consumer;
  private final Consumer<Runnable> fxExecutor;
  private volatile int flushes;

  /** A pump that delivers on the JavaFX application thread. */
  public FxEventPump(Consumer<List<T>> consumer) {
    this(consumer, Platform::runLater);
  }

  /** A pump that delivers through {@code fxExecutor} (tests may pass a direct executor). */
  public FxEventPump(Consumer<List<T>> consumer, Consumer<Runnable> fxExecutor) {
    this.consumer = Objects.requireNonNull(consumer);
    this.fxExecutor = Objects.requireNonNull(fxExecutor);
  }

  /** Queues an event; callable from any thread, never blocks. */
  public void post(T event) {
    queue.add(event);
    if (scheduled.compareAndSet(false, true)) {
      fxExecutor.accept(this::drain);
    }
  }

  /** Number of batches delivered so far (how many FX runnables the pump used). */
  public int flushes() {
    return flushes;
  }

  private void drain() {
    scheduled.set(false);
    List<T> batch = new ArrayList<>();
    T e;
    while ((e = queue.poll()) != null) {
      batch.add(e);
    }
    if (!batch.isEmpty()) {
      flushes++;
      consumer.accept(batch);
    }
  }
}
