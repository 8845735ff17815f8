package org.pc2seg.ml.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import java.util.SplittableRandom;
import org.pc2seg.ml.tensor.Upload;

/**
 * Draws N negatives per anchor from the M sampled pixels of a mini-batch with one of the four
 * PC²Seg distributions, on NDArrays (no gradients involved).
 *
 * <p>The weights W (M×M) are those of {@link NegativeDistribution} for every anchor row, with a
 * zero diagonal. The N negatives of a row are N independent draws from p_ij (with replacement, as
 * the paper's Discrete distribution): drawing without replacement would, once the admissible
 * candidates of a row are used up, fill the remaining slots with near-zero-weight ones — exactly
 * the false negatives the debiased schemes exist to avoid. The uniform numbers come from a {@link
 * SplittableRandom} seeded by the caller, so a step is reproducible from its seed.
 */
public final class NegativeSampler {

  private NegativeSampler() {}

  /**
   * The M×M weight matrix W_ij (unnormalised p_ij, zero diagonal).
   *
   * @param scheme the distribution
   * @param probs M×K class probabilities ŷ (float32); may be null for uniform / diff-image
   * @param imageIds M image indices I (any integer type)
   */
  public static NDArray weights(SamplingScheme scheme, NDArray probs, NDArray imageIds) {
    return weights(scheme, probs, imageIds, probs, imageIds);
  }

  /**
   * The M×C weight matrix W_ij of M anchors against C ≥ M candidates whose first M are the anchors
   * themselves (zero on that diagonal): the candidates beyond M are further pixels of the
   * mini-batch, such as labeled pixels whose ŷ is the one-hot painted class.
   *
   * @param scheme the distribution
   * @param probs M×K anchor class probabilities (null allowed for uniform / diff-image)
   * @param imageIds M anchor image indices
   * @param candidateProbs C×K candidate class probabilities (null allowed for uniform / diff-image)
   * @param candidateImageIds C candidate image indices
   */
  public static NDArray weights(
      SamplingScheme scheme,
      NDArray probs,
      NDArray imageIds,
      NDArray candidateProbs,
      NDArray candidateImageIds) {
    Objects.requireNonNull(scheme, "scheme");
    NDManager mgr = imageIds.getManager();
    int m = Math.toIntExact(imageIds.size());
    int c = Math.toIntExact(candidateImageIds.size());
    if (c < m) {
      throw new IllegalArgumentException(
          "the candidates must start with the " + m + " anchors, got only " + c);
    }
    NDArray w = mgr.ones(new Shape(m, c)).sub(mgr.eye(m, c, 0, DataType.FLOAT32));
    if (scheme == SamplingScheme.DIFF_IMAGE || scheme == SamplingScheme.DIFF_IMAGE_DEBIASED) {
      NDArray ids = imageIds.toType(DataType.INT64, false);
      NDArray cids = candidateImageIds.toType(DataType.INT64, false);
      NDArray differ = ids.expandDims(1).neq(cids.expandDims(0));
      w = w.mul(differ.toType(DataType.FLOAT32, false));
    }
    if (scheme == SamplingScheme.DEBIASED || scheme == SamplingScheme.DIFF_IMAGE_DEBIASED) {
      Objects.requireNonNull(probs, "class probabilities are needed for " + scheme);
      Objects.requireNonNull(candidateProbs, "class probabilities are needed for " + scheme);
      NDArray p = probs.stopGradient();
      NDArray q = candidateProbs.stopGradient();
      NDArray differ = p.matMul(q.transpose()).neg().addi(1f).maximum(0f);
      w = w.mul(differ);
    }
    return w;
  }

  /**
   * Draws {@code n} negatives for each of the M anchors.
   *
   * @param scheme the distribution
   * @param probs M×K class probabilities (null allowed for uniform / diff-image)
   * @param imageIds M image indices
   * @param n negatives per anchor, n ≥ 1
   * @param seed seed of this draw
   */
  public static NegativeSample sample(
      SamplingScheme scheme, NDArray probs, NDArray imageIds, int n, long seed) {
    return drawFromWeights(weights(scheme, probs, imageIds), n, seed);
  }

  /**
   * Draws {@code n} column indices per row of a non-negative weight matrix (R×C), independently and
   * with replacement, each with probability ∝ weight: the paper's z⁻_in ~ Discrete({z_j}; {p_ij}).
   * Rows whose weights are all zero (no admissible candidate) get slots marked invalid.
   *
   * <p>Inverse-CDF sampling on the host: one copy of the weights, a running sum per row and a
   * binary search per draw (M = 512, N = 128: well under a millisecond).
   */
  public static NegativeSample drawFromWeights(NDArray weights, int n, long seed) {
    Shape s = weights.getShape();
    int rows = Math.toIntExact(s.get(0));
    int cols = Math.toIntExact(s.get(1));
    if (n < 1) {
      throw new IllegalArgumentException("number of negatives must be >= 1, got " + n);
    }
    float[] w = weights.toType(DataType.FLOAT32, false).toFloatArray();
    long[] idx = new long[rows * n];
    boolean[] valid = new boolean[rows * n];
    double[] cdf = new double[cols];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int r = 0; r < rows; r++) {
      double acc = 0;
      for (int c = 0; c < cols; c++) {
        float v = w[r * cols + c];
        acc += v > 0 ? v : 0;
        cdf[c] = acc;
      }
      if (!(acc > 0)) {
        continue; // indices 0, all invalid
      }
      for (int k = 0; k < n; k++) {
        double u = rnd.nextDouble() * acc;
        idx[r * n + k] = firstAbove(cdf, u);
        valid[r * n + k] = true;
      }
    }
    NDManager mgr = weights.getManager();
    Shape out = new Shape(rows, n);
    return new NegativeSample(Upload.longs(mgr, idx, out), Upload.booleans(mgr, valid, out));
  }

  /** The first index whose running sum exceeds u (a positive-weight column). */
  private static int firstAbove(double[] cdf, double u) {
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
