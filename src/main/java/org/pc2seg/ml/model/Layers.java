package org.pc2seg.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import org.pc2seg.ml.tensor.Upload;

/** Small factories for the convolution layers the model is made of. */
public final class Layers {

  private Layers() {}

  /**
   * A square 2-D convolution. Padding is {@code dilation·(k−1)/2} so that the output keeps the
   * input size divided by the stride (DJL does not derive it from the dilation). A 1×1 convolution
   * is a {@link PointwiseConv}: the same parameters and values, computed so that libtorch does not
   * log a warning at every call and, strided, does not crash in oneDNN's backward pass.
   */
  static Conv2d conv(int filters, int kernel, int stride, int dilation, boolean bias) {
    Conv2d.Builder b = squareConv(filters, kernel, stride, dilation).optBias(bias);
    return kernel == 1 ? new PointwiseConv(b) : b.build();
  }

  /** The builder of a square convolution with the padding {@link #conv} describes. */
  private static Conv2d.Builder squareConv(int filters, int kernel, int stride, int dilation) {
    int pad = dilation * (kernel - 1) / 2;
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad))
        .optDilation(new Shape(dilation, dilation));
  }

  /** Batch normalisation over channels; DJL momentum 0.9 equals PyTorch's default 0.1. */
  static BatchNorm batchNorm() {
    return batchNorm(1e-5f);
  }

  /** The same with another ε (MobileNetV2's Keras weights were trained with 10⁻³). */
  static BatchNorm batchNorm(float epsilon) {
    return BatchNorm.builder().optMomentum(0.9f).optEpsilon(epsilon).build();
  }

  /**
   * A square depthwise convolution (one k×k filter per channel, no bias), padded as {@link #conv}.
   */
  static Conv2d depthwiseConv(int channels, int kernel, int stride, int dilation) {
    return squareConv(channels, kernel, stride, dilation)
        .optGroups(channels)
        .optBias(false)
        .build();
  }

  /**
   * Bilinear resize of a B×C×H×W array to {@code height×width} (align_corners = false, the same
   * values as PyTorch's {@code F.interpolate(mode="bilinear")}), with gradients. Returns the input
   * itself when it already has that size.
   *
   * <p>Computed as two small matrix products, A_h · x · A_wᵀ, with A the interpolation weights
   * along one axis (two non-zeros per row). DJL's {@code interpolation} runs libtorch's
   * anti-aliased kernel, which gives the same values when enlarging but took 1.2–1.9× as long
   * forward and backward on the model's two 4× upsamplings.
   */
  public static NDArray resizeBilinear(NDArray x, long height, long width) {
    Shape s = x.getShape();
    if (s.get(2) == height && s.get(3) == width) {
      return x;
    }
    int h = Math.toIntExact(s.get(2));
    int w = Math.toIntExact(s.get(3));
    int ho = Math.toIntExact(height);
    int wo = Math.toIntExact(width);
    NDManager m = x.getManager();
    try (NDArray rows = Upload.floats(m, interpolationWeights(h, ho), new Shape(ho, h));
        NDArray cols =
            Upload.floats(m, transpose(interpolationWeights(w, wo), wo, w), new Shape(w, wo));
        NDArray alongWidth = x.matMul(cols)) {
      return rows.matMul(alongWidth);
    }
  }

  /** The out×in matrix of 1-D linear interpolation weights, align_corners = false. */
  static float[] interpolationWeights(int in, int out) {
    float[] a = new float[out * in];
    double scale = (double) in / out;
    for (int i = 0; i < out; i++) {
      double src = Math.max(0, (i + 0.5) * scale - 0.5);
      int i0 = Math.min((int) src, in - 1);
      int i1 = Math.min(i0 + 1, in - 1);
      double frac = src - i0;
      a[i * in + i0] += (float) (1 - frac);
      a[i * in + i1] += (float) frac;
    }
    return a;
  }

  /** The transpose of a row-major rows×cols matrix. */
  private static float[] transpose(float[] a, int rows, int cols) {
    float[] t = new float[a.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = a[i * cols + j];
      }
    }
    return t;
  }
}
