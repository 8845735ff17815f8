package org.pc2seg.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.pc2seg.ml.tensor.EngineThreads;

/**
 * A 1×1 convolution that keeps libtorch 2.7.1 from asking NNPACK (see {@link OneDnnRoute} for why
 * that matters). Besides one small image, libtorch also asks for such a kernel on one engine
 * thread, whatever the batch; the same convolution with dilation 2 (the same formula for a 1×1
 * kernel) goes to oneDNN then. The parameters are those of a {@link Conv2d} (an O×C×1×1 weight and
 * an optional bias), so saved models load either way.
 *
 * <p>With stride s (a residual shortcut) it convolves every s-th row and column of the input with
 * stride 1, which is the same formula for a 1×1 kernel without padding. On the CPU the strided
 * kernel itself must be avoided: the backward pass of a stride-2 1×1 convolution with ResNet-50's
 * shortcut shapes (256→512 and 512→1024 channels) stops the JVM with SIGFPE, an integer division by
 * zero in oneDNN's {@code brgemm_convolution_bwd_utils::brg_blocking_t::est_eff_1x1} (libtorch
 * 2.7.1 on the 2-core AMD EPYC build machine), so {@code --backbone resnet50} and {@code resnet101}
 * could not train at all.
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
    long s = getStride().get(0);
    if (s == 1) {
      return new NDList(convolve(x, w, b));
    }
    if (x.getDevice().isGpu()) {
      return Conv2d.conv2d(x, w, b, getStride(), ZERO, ONE, 1);
    }
    try (NDArray every = x.get(":, :, ::" + s + ", ::" + getStride().get(1))) {
      return new NDList(convolve(every, w, b));
    }
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
