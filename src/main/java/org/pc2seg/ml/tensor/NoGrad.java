package org.pc2seg.ml.tensor;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches libtorch's autograd recording off for the current thread until closed, then puts back
 * what it found:
 *
 * <pre>
 *   try (NoGrad off = NoGrad.enter()) { ... }
 * </pre>
 *
 * <p>The switch is per thread, and it starts <em>on</em> in a thread libtorch has not seen before
 * (the app's training and prediction threads; only the thread that loaded the engine starts off).
 * DJL's gradient collector turns it on and, when closed, restores what it found, so outside a
 * collector a forward pass on such a thread records a graph for a backward pass that never comes,
 * holding every activation until its outputs are freed, and in-place updates of weights are
 * refused. Code that computes without gradients (inference, the weak view, the optimizer) runs
 * inside one of these.
 */
public final class NoGrad implements AutoCloseable {
  private final boolean previous;

  private NoGrad(boolean previous) {
    this.previous = previous;
  }

  /** Turns recording off for this thread; close to restore it. */
  public static NoGrad enter() {
    Engine.getEngine("PyTorch"); // loads libtorch if nothing has yet
    NoGrad g = new NoGrad(JniUtils.isGradMode());
    JniUtils.setGradMode(false);
    return g;
  }

  /** Whether this thread records operations for autograd now. */
  public static boolean recording() {
    Engine.getEngine("PyTorch");
    return JniUtils.isGradMode();
  }

  @Override
  public void close() {
    JniUtils.setGradMode(previous);
  }
}
