package org.pc2seg.ml.loss;

import ai.djl.ndarray.NDArray;
import org.pc2seg.ml.tensor.Scalars;

/**
 * PC²Seg's label-space consistency loss l_cy = 1 − cos(ŷ_i, ŷ_i⁺), averaged over pixels: ŷ the
 * class probabilities of the weakly augmented view (stop-gradient: it is the target), ŷ⁺ those of
 * the strongly augmented view (back-propagated).
 */
public final class ConsistencyLoss {

  private static final float EPS = 1e-8f;

  /** Creates the loss. */
  public ConsistencyLoss() {}

  /**
   * The loss.
   *
   * @param weakLogits B×K×h×w logits of the weak view (detached here)
   * @param strongLogits B×K×h×w logits of the strong view (same pixels)
   * @param mask B×h×w pixel weights (1 = counted, e.g. confident pixels), or null for all
   * @return a scalar: the mean of 1 − cos over the counted pixels (0 when none is counted)
   */
  public NDArray evaluate(NDArray weakLogits, NDArray strongLogits, NDArray mask) {
    NDArray pw = weakLogits.stopGradient().softmax(1);
    NDArray ps = strongLogits.softmax(1);
    NDArray dot = pw.mul(ps).sum(new int[] {1});
    NDArray norms =
        pw.square().sum(new int[] {1}).sqrt().mul(ps.square().sum(new int[] {1}).sqrt());
    NDArray loss = dot.div(norms.add(EPS)).neg().add(1f);
    if (mask == null) {
      return loss.mean();
    }
    NDArray w = mask.toType(loss.getDataType(), false);
    float count = w.sum().getFloat();
    return Scalars.div(loss.mul(w).sum(), Math.max(count, 1f));
  }
}
