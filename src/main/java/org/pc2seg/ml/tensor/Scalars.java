package org.pc2seg.ml.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant that stays correct under autograd.
 *
 * <p>DJL's {@code NDArray.mul(Number)}, {@code div(Number)} and their in-place forms wrap the
 * number in a temporary array that libtorch reads straight from a Java direct buffer, and close
 * that array as soon as the operation returns. Autograd keeps the constant to compute the backward
 * pass (the gradient of x·c is g·c), but the Java buffer is then unreachable: once the garbage
 * collector frees it, the backward pass reads whatever the memory holds by then. Gradients become
 * huge or NaN at random, more often the more the JVM collects (see docs/readme-ml-train.md).
 *
 * <p>The constants here are made by libtorch itself ({@code torch::full}), so autograd's reference
 * keeps them alive. Use these for every constant on a path that is differentiated; forward-only
 * code (inference, metrics, samplers) may use DJL's forms.
 */
public final class Scalars {

  private Scalars() {}

  /** x · c, with c safe to keep for the backward pass. */
  public static NDArray mul(NDArray x, double c) {
    try (NDArray k = constant(x, c)) {
      return x.mul(k);
    }
  }

  /** x / c, with c safe to keep for the backward pass. */
  public static NDArray div(NDArray x, double c) {
    try (NDArray k = constant(x, c)) {
      return x.div(k);
    }
  }

  /** A 0-d array holding c, owned by libtorch, in x's manager, type and device. */
  static NDArray constant(NDArray x, double c) {
    return x.getManager().full(new Shape(), (float) c, x.getDataType());
  }
}
