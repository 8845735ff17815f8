package org.pc2seg.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** Small factories for the convolution layers the model is made of. */
public final class Layers {

  private Layers() {}

  /**
   * A square 2-D convolution. Padding is {@code dilation·(k−1)/2} so that the output keeps the
   * input size divided by the stride (DJL does not derive it from the dilation).
   */
  static Conv2d conv(int filters, int kernel, int stride, int dilation, boolean bias) {
    int pad = dilation * (kernel - 1) / 2;
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad))
        .optDilation(new Shape(dilation, dilation))
        .optBias(bias)
        .build();
  }

  /** Batch normalisation over channels; DJL momentum 0.9 equals PyTorch's default 0.1. */
  static BatchNorm batchNorm() {
    return BatchNorm.builder().optMomentum(0.9f).optEpsilon(1e-5f).build();
  }

  /**
   * Bilinear resize of a B×C×H×W array to {@code height×width} (align_corners = false), with
   * gradients. Returns the input itself when it already has that size.
   */
  public static NDArray resizeBilinear(NDArray x, long height, long width) {
    Shape s = x.getShape();
    if (s.get(2) == height && s.get(3) == width) {
      return x;
    }
    return x.getNDArrayInternal().interpolation(new long[] {height, width}, 1, false);
  }
}
