package org.pc2seg.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.pc2seg.ml.tensor.EngineThreads;

/**
 * A 1×1 convolution with stride 1 that keeps libtorch from logging a warning at every call.
 *
 * <p>libtorch 2.7.1 runs a 1×1 convolution with oneDNN only when the engine has more than one
 * thread and the batch more than one image (or the input is large). Otherwise it first asks whether
 * NNPACK is available, and on CPUs where NNPACK cannot start (the build machine, an AMD EPYC) every
 * such question logs "Could not initialize NNPACK! Reason: Unsupported hardware.": 27 lines per
 * training step on one thread and 9 per validated image, which buried the command line's progress.
 * {@link #convolve} takes a route that never asks. The parameters are those of a {@link Conv2d} (an
 * O×C×1×1 weight and an optional bias), so saved models load either way.
 */
final class PointwiseConv extends Conv2d {
  private static final Shape ZERO = new Shape(0, 0);
  private static final Shape ONE = new Shape(1, 1);
  private static final Shape TWO = new Shape(2, 2);

  /** Above this many input elements libtorch 2.7.1 runs a one-image convolution with oneDNN. */
  static final long ONEDNN_MIN_ELEMENTS = 20480;

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
   * {@code conv2d(x, w, b)} for a 1×1 weight, by the route on which libtorch 2.7.1 does not ask
   * NNPACK on the CPU (see the class comment; on a GPU it is libtorch's convolution). libtorch runs
   * a 1×1 convolution with oneDNN when the batch has more than one image or the input more than
   * {@value #ONEDNN_MIN_ELEMENTS} elements, and the engine has more than one thread; otherwise it
   * asks NNPACK first. So:
   *
   * <ul>
   *   <li>oneDNN's case: libtorch's convolution, exactly as before;
   *   <li>the same sizes on one thread: the convolution with dilation 2, which for a 1×1 kernel is
   *       the same formula and which libtorch sends to oneDNN whatever the thread count;
   *   <li>one small image: {@link #apply}.
   * </ul>
   */
  static NDArray convolve(NDArray x, NDArray w, NDArray b) {
    if (x.getDevice().isGpu()) {
      return Conv2d.conv2d(x, w, b).head();
    }
    Shape s = x.getShape();
    boolean onednnSized = s.get(0) > 1 || s.size() > ONEDNN_MIN_ELEMENTS;
    if (!onednnSized) {
      return apply(x, w, b);
    }
    Shape dilation = EngineThreads.current() > 1 ? ONE : TWO;
    return Conv2d.conv2d(x, w, b, ONE, ZERO, dilation, 1).head();
  }

  /**
   * {@code conv2d(x, w, b)} for an N×C×H×W input and an O×C×1×1 weight (bias O or null), as a
   * batched matrix product. The weight is broadcast to N×O×C first: with a 2-D weight libtorch's
   * matmul picks its kernel by whether the weight requires gradients, so a model with loaded
   * weights would differ from the same weights in training in the last bits.
   */
  static NDArray apply(NDArray x, NDArray w, NDArray b) {
    Shape s = x.getShape();
    long n = s.get(0);
    long h = s.get(2);
    long wd = s.get(3);
    long o = w.getShape().get(0);
    long c = s.get(1);
    try (NDArray w2 = w.reshape(o, c);
        NDArray w3 = w2.broadcast(n, o, c);
        NDArray x3 = x.reshape(n, c, h * wd);
        NDArray y = w3.matMul(x3)) {
      if (b == null) {
        return y.reshape(n, o, h, wd);
      }
      try (NDArray b3 = b.reshape(1, o, 1);
          NDArray yb = y.add(b3)) {
        return yb.reshape(n, o, h, wd);
      }
    }
  }
}
