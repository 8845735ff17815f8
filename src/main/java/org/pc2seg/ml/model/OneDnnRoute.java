package org.pc2seg.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.UnaryOperator;

/**
 * Runs a convolution so that libtorch 2.7.1 takes oneDNN rather than first asking whether NNPACK is
 * available. On CPUs where NNPACK cannot start (the build machine, an AMD EPYC) every such question
 * logs "Could not initialize NNPACK! Reason: Unsupported hardware.": 27 lines per training step on
 * one thread and 9 per validated image, which buried the command line's progress.
 *
 * <p>libtorch asks when a convolution does not go to oneDNN, which for the model's kernels (1×1 to
 * 3×3) happens for one image of at most {@value #ONEDNN_MIN_ELEMENTS} input elements, and for a
 * stride-1, undilated 1×1 kernel also on one engine thread (see {@link PointwiseConv}). Here the
 * first case is run as a batch of two copies of the image and cut back to the first: the same
 * values, and gradients flow back through the cut and the copy.
 */
final class OneDnnRoute {
  /** Above this many input elements libtorch 2.7.1 runs a one-image convolution with oneDNN. */
  static final long ONEDNN_MIN_ELEMENTS = 20480;

  private OneDnnRoute() {}

  /** {@code conv.apply(x)}, with a single small image on the CPU run as a pair of copies. */
  static NDArray run(NDArray x, UnaryOperator<NDArray> conv) {
    Shape s = x.getShape();
    if (x.getDevice().isGpu() || s.get(0) != 1 || s.size() > ONEDNN_MIN_ELEMENTS) {
      return conv.apply(x);
    }
    try (NDArray pair = x.concat(x, 0);
        NDArray both = conv.apply(pair)) {
      return both.get("0:1");
    }
  }
}
