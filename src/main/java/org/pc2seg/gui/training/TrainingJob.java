package org.pc2seg.gui.training;

import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.ml.train.TrainingListener;

/**
 * A unit of training work run by {@link TrainingController} on its background thread: typically a
 * call to the engine's training service. It reports through {@code listener} (called on the
 * training thread) and must check {@code cancel} at least once per step.
 *
 * @param <R> what the job returns (the engine's training result)
 */
@FunctionalInterface
public interface TrainingJob<R> {
  /** Runs the job on the calling (background) thread. */
  R run(TrainingListener listener, CancelToken cancel) throws Exception;
}
