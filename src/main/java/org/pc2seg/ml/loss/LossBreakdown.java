package org.pc2seg.ml.loss;

import ai.djl.ndarray.NDArray;

/**
 * The result of one evaluation of {@link Pc2SegObjective}.
 *
 * @param loss the scalar to back-propagate: ce + w·(λ1·ctr + λ2·cy)
 * @param total its value
 * @param ce cross-entropy on the labeled pixels
 * @param consistency consistency loss l_cy (0 in supervised mode)
 * @param contrastive pixel contrastive loss l_ce (0 in supervised mode or with under 2 anchors)
 * @param unlabeledWeight the warm-up weight w the unlabeled losses were multiplied by
 * @param negatives where anchors and negatives were drawn (null in supervised mode)
 */
public record LossBreakdown(
    NDArray loss,
    float total,
    float ce,
    float consistency,
    float contrastive,
    float unlabeledWeight,
    SampledNegatives negatives) {

  /** Whether every value is finite (a NaN or infinite loss should stop training). */
  public boolean isFinite() {
    return Float.isFinite(total)
        && Float.isFinite(ce)
        && Float.isFinite(consistency)
        && Float.isFinite(contrastive);
  }
}
