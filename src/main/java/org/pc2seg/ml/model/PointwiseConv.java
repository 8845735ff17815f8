package org.pc2seg.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.pc2seg.ml.tensor.EngineThreads;

/**
 * A 1×1 convolution with stride 1 that keeps libtorch 2.7.1 from asking NNPACK (see {@link
 * OneDnnRoute} for why that matters). Besides one small image, libtorch also asks for such a kernel
 * on one engine thread, whatever the batch; the same convolution with dilation 2 (the same formula
 * for a 1×1 kernel) goes to oneDNN then. The parameters are those of a {@link Conv2d} (an O×C×1×1
 * weight and an optional bias), so saved models load either way.
 */
final class PointwiseConv extends Conv2d {
  private static final Shape ZERO = new Shape(0, 0);
  private static final Shape ONE = new Shape(1, 1);
  private static final Shape TWO = new Shape(2, 2);

  PointwiseConv(Conv2d.Builder builder) {
    super(builder);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.head();
    NDArray w = ps.getValue(weight, x.getDevice(), training);
    NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
    return new NDList(convolve(x, w, b));
  }

  /**
   * {@code conv2d(x, w, b)} for a 1×1 weight: on a GPU libtorch's convolution; on the CPU with
   * dilation 2 on one engine thread (with more, exactly as before), through {@link OneDnnRoute}.
   */
  static NDArray convolve(NDArray x, NDArray w, NDArray b) {
    if (x.getDevice().isGpu()) {
      return Conv2d.conv2d(x, w, b).head();
    }
    Shape dilation = EngineThreads.current() > 1 ? ONE : TWO;
    return OneDnnRoute.run(x, in -> Conv2d.conv2d(in, w, b, ONE, ZERO, dilation, 1).head());
  }
}
