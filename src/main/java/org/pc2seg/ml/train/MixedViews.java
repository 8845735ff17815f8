package org.pc2seg.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.pc2seg.ml.data.CutMix;
import org.pc2seg.ml.tensor.Upload;

/**
 * A {@link CutMix} applied to one step's tensors: the strong images mixed at input resolution, the
 * weak view's outputs (full-resolution logits, projection, stride-4 logits) mixed the same way, so
 * the targets of the mixed strong view are the weak predictions of the pixels it shows.
 */
record MixedViews(NDArray strongImages, NDList weakOutputs) {

  static MixedViews apply(NDManager m, CutMix mix, NDArray strong, NDList weak) {
    Shape s = strong.getShape();
    int b = (int) s.get(0);
    NDArray partners = Upload.longs(m, mix.partners(), new Shape(b));
    NDArray full = Upload.floats(m, mix.inputMask(), new Shape(b, 1, s.get(2), s.get(3)));
    Shape low = weak.get(1).getShape();
    NDArray cells = Upload.floats(m, mix.cellMask(), new Shape(b, 1, low.get(2), low.get(3)));
    NDList mixedWeak = new NDList();
    for (NDArray out : weak) {
      long side = out.getShape().get(2);
      mixedWeak.add(mixed(out, partners, side == low.get(2) ? cells : full));
    }
    return new MixedViews(mixed(strong, partners, full), mixedWeak);
  }

  /** own · mask + partner's · (1 − mask), per image. */
  static NDArray mixed(NDArray x, NDArray partners, NDArray mask) {
    return x.mul(mask).add(x.get(partners).mul(mask.neg().add(1f)));
  }
}
