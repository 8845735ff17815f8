package org.pc2seg.ml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.pc2seg.ml.tensor.Scalars;

/**
 * PC²Seg's pixel contrastive loss (InfoNCE) for M anchors with N negatives each:
 *
 * <pre>
 *   l_i = −log( e^{cos(z_i, z_i⁺)/τ} / ( e^{cos(z_i, z_i⁺)/τ} + Σ_n e^{cos(z_i, z_in⁻)/τ} ) )
 * </pre>
 *
 * averaged over the anchors. The negatives are rows of a candidate matrix picked by index, so the
 * M×C similarity matrix is one matrix product and nothing of size M×N×D is materialised. Invalid
 * negative slots (see {@code NegativeSample}) are left out of the sum.
 */
public final class PixelContrastiveLoss {

  private static final float MASKED = -1e4f;

  private final float temperature;

  /** A loss with temperature τ &gt; 0. */
  public PixelContrastiveLoss(float temperature) {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature τ must be positive, got " + temperature);
    }
    this.temperature = temperature;
  }

  /** The temperature τ. */
  public float temperature() {
    return temperature;
  }

  /**
   * The loss.
   *
   * @param anchors M×D anchor features z_i (normalised here)
   * @param positives M×D positive features z_i⁺ (normalised here)
   * @param candidates C×D features the negatives are taken from (normalised here)
   * @param negativeIndex M×N int64 indices into {@code candidates}
   * @param valid M×N boolean, false for slots to leave out; null if all are valid
   * @return a scalar
   */
  public NDArray evaluate(
      NDArray anchors,
      NDArray positives,
      NDArray candidates,
      NDArray negativeIndex,
      NDArray valid) {
    NDArray a = anchors.normalize(2, 1, 1e-12);
    NDArray p = positives.normalize(2, 1, 1e-12);
    NDArray c = candidates == positives ? p : candidates.normalize(2, 1, 1e-12);
    float invTau = 1f / temperature;
    NDArray pos = Scalars.mul(a.mul(p).sum(new int[] {1}, true), invTau);
    NDArray neg = Scalars.mul(a.matMul(c.transpose()).gather(negativeIndex, 1), invTau);
    if (valid != null) {
      NDArray penalty = Scalars.mul(valid.logicalNot().toType(DataType.FLOAT32, false), MASKED);
      neg = neg.add(penalty);
    }
    NDArray logits = pos.concat(neg, 1);
    return logits.logSoftmax(1).get(":, 0").mean().neg();
  }
}
