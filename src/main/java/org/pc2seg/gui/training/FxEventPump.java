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
 * <p>A batch holds at most {@code maxBatch} events: a backlog (thousands of events posted while the
 * FX thread was busy) is handed over in several runnables, and input, layout and rendering get
 * their turn between them, so no single delivery blocks the FX thread for long.
 *
 * @param <T> event type
 */
public final class FxEventPump<T> {
  /** Default most events per delivery. */
  public static final int DEFAULT_MAX_BATCH = 256;

  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Consumer<List<T>> consumer;
  private final Consumer<Runnable> fxExecutor;
  private final int maxBatch;
  private volatile int flushes;

  /** A pump that delivers on the JavaFX application thread. */
  public FxEventPump(Consumer<List<T>> consumer) {
    this(consumer, Platform::runLater, DEFAULT_MAX_BATCH);
  }

  /**
   * A pump that delivers through {@code fxExecutor} (tests may pass a direct executor), at most
   * {@code maxBatch} events per delivery.
   */
  public FxEventPump(Consumer<List<T>> consumer, Consumer<Runnable> fxExecutor, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be positive: " + maxBatch);
    }
    this.consumer = Objects.requireNonNull(consumer);
    this.fxExecutor = Objects.requireNonNull(fxExecutor);
    this.maxBatch = maxBatch;
  }

  /** Queues an event; callable from any thread, never blocks. */
  public void post(T event) {
    queue.add(event);
    schedule();
  }

  private void schedule() {
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
    List<T> batch = new ArrayList<>(Math.min(maxBatch, 64));
    T e;
    while (batch.size() < maxBatch && (e = queue.poll()) != null) {
      batch.add(e);
    }
    if (!queue.isEmpty()) {
      // the rest goes behind whatever else is queued for the FX thread (input, pulses, pings)
      schedule();
    }
    if (!batch.isEmpty()) {
      flushes++;
      consumer.accept(batch);
    }
  }
}
