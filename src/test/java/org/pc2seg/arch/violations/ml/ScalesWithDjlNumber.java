package org.pc2seg.arch.violations.ml;

import ai.djl.ndarray.NDArray;

/** Breaks the scalar rule on purpose: DJL's own constant, which autograd may read after free. */
public final class ScalesWithDjlNumber {
  private ScalesWithDjlNumber() {}

  /** x · 2 the unsafe way. */
  public static NDArray twice(NDArray x) {
    return x.mul(2f);
  }
}
