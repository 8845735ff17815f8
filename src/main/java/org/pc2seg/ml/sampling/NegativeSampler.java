package org.pc2seg.ml.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Draws N negatives per anchor from the M sampled pixels of a mini-batch with one of the four
 * PC²Seg distributions, on NDArrays (no gradients involved).
 *
 * <p>The weights W (M×M) are those of {@link NegativeDistribution} for every anchor row, with a
 * zero diagonal. N distinct negatives per row are drawn by the Gumbel-top-k trick (DJL's PyTorch
 * engine has no multinomial): the top N of {@code log W + G}, G = −log(−log U). The first negative
 * of each row is distributed exactly as p_ij; the N together are a draw without replacement
 * (successive draws renormalised over the rest). The uniform numbers come from a {@link
 * SplittableRandom} seeded by the caller, so a step is reproducible from its seed.
 */
public final class NegativeSampler {

  private static final float U_MIN = 1e-7f;

  private NegativeSampler() {}

  /**
   * The M×M weight matrix W_ij (unnormalised p_ij, zero diagonal).
   *
   * @param scheme the distribution
   * @param probs M×K class probabilities ŷ (float32); may be null for uniform / diff-image
   * @param imageIds M image indices I (any integer type)
   */
  public static NDArray weights(SamplingScheme scheme, NDArray probs, NDArray imageIds) {
    Objects.requireNonNull(scheme, "scheme");
    NDManager mgr = imageIds.getManager();
    long m = imageIds.size();
    NDArray w = mgr.ones(new Shape(m, m)).sub(mgr.eye((int) m));
    if (scheme == SamplingScheme.DIFF_IMAGE || scheme == SamplingScheme.DIFF_IMAGE_DEBIASED) {
      NDArray ids = imageIds.toType(DataType.INT64, false);
      NDArray differ = ids.expandDims(1).neq(ids.expandDims(0));
      w = w.mul(differ.toType(DataType.FLOAT32, false));
    }
    if (scheme == SamplingScheme.DEBIASED || scheme == SamplingScheme.DIFF_IMAGE_DEBIASED) {
      Objects.requireNonNull(probs, "class probabilities are needed for " + scheme);
      NDArray p = probs.stopGradient();
      NDArray differ = p.matMul(p.transpose()).neg().addi(1f).maximum(0f);
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
   * @param n negatives per anchor, 1 ≤ n ≤ M − 1
   * @param seed seed of this draw
   */
  public static NegativeSample sample(
      SamplingScheme scheme, NDArray probs, NDArray imageIds, int n, long seed) {
    return drawFromWeights(weights(scheme, probs, imageIds), n, seed);
  }

  /**
   * Draws {@code n} distinct column indices per row of a non-negative weight matrix (R×C) with
   * probability ∝ weight (Gumbel-top-k). Slots that could only be filled with zero-weight columns
   * are marked invalid.
   */
  public static NegativeSample drawFromWeights(NDArray weights, int n, long seed) {
    Shape s = weights.getShape();
    long rows = s.get(0);
    long cols = s.get(1);
    if (n < 1 || n > cols) {
      throw new IllegalArgumentException(
          "number of negatives must be in 1.." + cols + " (candidates), got " + n);
    }
    NDManager mgr = weights.getManager();
    NDArray u = mgr.create(uniforms(rows * cols, seed), s);
    NDArray gumbel = u.log().neg().log().neg();
    NDArray keys = weights.log().add(gumbel);
    NDList top = keys.topK(n, 1, true, true);
    NDArray idx = top.get(1).toType(DataType.INT64, false);
    NDArray valid = weights.gather(idx, 1).gt(0f);
    return new NegativeSample(idx, valid);
  }

  private static float[] uniforms(long count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] u = new float[Math.toIntExact(count)];
    for (int i = 0; i < u.length; i++) {
      u[i] = U_MIN + (1f - 2 * U_MIN) * (float) rnd.nextDouble();
    }
    return u;
  }
}
