package org.pc2seg.ml.sampling;

import java.util.Objects;

/**
 * The negative-sampling distribution p_ij of PC²Seg in plain Java, for one anchor i over M
 * candidate pixels j: the formula the GUI heat-map shows and the tests check the sampler against.
 *
 * <ul>
 *   <li>uniform: p_ij ∝ 1;
 *   <li>diff-image: p_ij ∝ 1{I_i ≠ I_j};
 *   <li>debiased: p_ij ∝ 1 − ŷ_iᵀŷ_j (probability that i and j have different pseudo-labels);
 *   <li>diff-image-debiased: p_ij ∝ 1{I_i ≠ I_j}·(1 − ŷ_iᵀŷ_j).
 * </ul>
 *
 * <p>The anchor itself always gets 0 when it is among the candidates. The result sums to 1, or is
 * all zeros when no candidate has positive weight (e.g. diff-image on a single image).
 */
public final class NegativeDistribution {

  private NegativeDistribution() {}

  /**
   * p_ij for an anchor that is not among the candidates.
   *
   * @param scheme the distribution
   * @param anchorProb ŷ_i, the anchor's K class probabilities (may be null for the schemes that are
   *     not debiased)
   * @param anchorImage I_i, the anchor's image index in the mini-batch
   * @param candidateProbs ŷ_j for the M candidates, row-major M×K (may be null when not debiased)
   * @param candidateImage I_j for the M candidates
   * @param k number of classes K
   * @return M probabilities
   */
  public static double[] probabilities(
      SamplingScheme scheme,
      double[] anchorProb,
      int anchorImage,
      double[] candidateProbs,
      int[] candidateImage,
      int k) {
    return probabilities(scheme, anchorProb, anchorImage, candidateProbs, candidateImage, k, -1);
  }

  /**
   * p_ij for anchor {@code anchorIndex}, which is one of the candidates (and so gets 0).
   *
   * @param scheme the distribution
   * @param anchorIndex i, index of the anchor among the candidates
   * @param candidateProbs ŷ_j, row-major M×K (may be null when not debiased)
   * @param candidateImage I_j
   * @param k number of classes K
   * @return M probabilities
   */
  public static double[] probabilities(
      SamplingScheme scheme,
      int anchorIndex,
      double[] candidateProbs,
      int[] candidateImage,
      int k) {
    double[] anchorProb = null;
    if (candidateProbs != null) {
      anchorProb = new double[k];
      System.arraycopy(candidateProbs, anchorIndex * k, anchorProb, 0, k);
    }
    return probabilities(
        scheme,
        anchorProb,
        candidateImage[anchorIndex],
        candidateProbs,
        candidateImage,
        k,
        anchorIndex);
  }

  /**
   * p_ij with an explicit index of the anchor among the candidates ({@code -1}: not among them).
   */
  public static double[] probabilities(
      SamplingScheme scheme,
      double[] anchorProb,
      int anchorImage,
      double[] candidateProbs,
      int[] candidateImage,
      int k,
      int anchorIndex) {
    double[] w = weights(scheme, anchorProb, anchorImage, candidateProbs, candidateImage, k);
    if (anchorIndex >= 0) {
      w[anchorIndex] = 0;
    }
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    if (sum > 0) {
      for (int j = 0; j < w.length; j++) {
        w[j] /= sum;
      }
    }
    return w;
  }

  /** Unnormalised weights (before excluding the anchor). */
  static double[] weights(
      SamplingScheme scheme,
      double[] anchorProb,
      int anchorImage,
      double[] candidateProbs,
      int[] candidateImage,
      int k) {
    Objects.requireNonNull(scheme, "scheme");
    int m = candidateImage.length;
    boolean debiased =
        scheme == SamplingScheme.DEBIASED || scheme == SamplingScheme.DIFF_IMAGE_DEBIASED;
    boolean diffImage =
        scheme == SamplingScheme.DIFF_IMAGE || scheme == SamplingScheme.DIFF_IMAGE_DEBIASED;
    if (debiased) {
      Objects.requireNonNull(anchorProb, "anchor probabilities are needed for " + scheme);
      Objects.requireNonNull(candidateProbs, "candidate probabilities are needed for " + scheme);
      if (anchorProb.length != k || candidateProbs.length != m * k) {
        throw new IllegalArgumentException(
            "probabilities must be K=" + k + " and M×K=" + (m * k) + " long");
      }
    }
    double[] w = new double[m];
    for (int j = 0; j < m; j++) {
      double v = 1.0;
      if (diffImage && candidateImage[j] == anchorImage) {
        v = 0.0;
      }
      if (debiased && v > 0) {
        double dot = 0;
        for (int c = 0; c < k; c++) {
          dot += anchorProb[c] * candidateProbs[j * k + c];
        }
        v *= Math.max(0.0, 1.0 - dot);
      }
      w[j] = v;
    }
    return w;
  }
}
