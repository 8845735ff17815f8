package org.pc2seg.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.pc2seg.ml.sampling.SamplingScheme;

/**
 * The PC²Seg objective of one step: masked cross-entropy on labeled pixels; on unlabeled pixels the
 * consistency loss 1 − cos(ŷ_i, ŷ_i⁺) (weak branch stop-gradient) and the pixel contrastive InfoNCE
 * with M anchors and N negatives drawn with the configured scheme (Gumbel-top-k over the M sampled
 * pixels of the batch). Pixels are taken at projection resolution (stride 4), where class
 * probabilities come from the low-resolution logits, pixel-aligned with the projection.
 */
final class Objective {
  private final TrainConfig cfg;

  Objective(TrainConfig cfg) {
    this.cfg = cfg;
  }

  /** Cross-entropy over labeled pixels; label 255 is ignored. */
  static NDArray crossEntropy(NDArray logits, NDArray labels) {
    NDArray valid = labels.neq(255);
    NDArray safe = labels.mul(valid.toType(DataType.INT64, false));
    NDArray logp = logits.logSoftmax(1);
    NDArray picked = logp.gather(safe.expandDims(1), 1).squeeze(1);
    NDArray v = valid.toType(DataType.FLOAT32, false);
    return picked.mul(v).sum().neg().div(v.sum().maximum(1f));
  }

  /**
   * @param labeledLogits B_l×K×H×W
   * @param labels B_l×H×W int64
   * @param weak weak-view outputs (logits, projection, logitsLow), computed without gradients
   * @param strong strong-view outputs (logits, projection, logitsLow) with gradients
   * @param unlabeledWeight warm-up factor for the unlabeled losses
   * @param seed seed of this step's anchor and negative draws
   */
  StepLosses compute(
      NDManager m,
      NDArray labeledLogits,
      NDArray labels,
      NDList weak,
      NDList strong,
      double unlabeledWeight,
      long seed) {
    NDArray ce = crossEntropy(labeledLogits, labels);
    if (cfg.method() == Method.SUPERVISED || weak == null || unlabeledWeight <= 0) {
      return new StepLosses(ce, ce.getFloat(), 0, 0, null, null);
    }
    NDArray pw = weak.get(2).stopGradient().softmax(1); // B×K×h×w
    NDArray ps = strong.get(2).softmax(1);
    Shape s = pw.getShape();
    int b = (int) s.get(0);
    int k = (int) s.get(1);
    int h = (int) s.get(2);
    int w = (int) s.get(3);
    int pixels = b * h * w;
    NDArray pwFlat = pw.transpose(0, 2, 3, 1).reshape(pixels, k);
    NDArray psFlat = ps.transpose(0, 2, 3, 1).reshape(pixels, k);
    // Consistency: 1 - cos over class vectors, averaged over (confident) pixels.
    NDArray cos =
        pwFlat
            .mul(psFlat)
            .sum(new int[] {1})
            .div(pwFlat.norm(new int[] {1}).mul(psFlat.norm(new int[] {1})).add(1e-8f));
    NDArray conf = pwFlat.max(new int[] {1});
    NDArray keep =
        cfg.confidenceThreshold() > 0
            ? conf.gte(cfg.confidenceThreshold()).toType(DataType.FLOAT32, false)
            : m.ones(new Shape(pixels));
    NDArray cy = cos.neg().add(1).mul(keep).sum().div(keep.sum().maximum(1f));
    // Contrastive: M anchors among the pixels; candidates are the same M pixels.
    int d = (int) weak.get(1).getShape().get(1);
    NDArray zw = weak.get(1).stopGradient().transpose(0, 2, 3, 1).reshape(pixels, d);
    NDArray zs = strong.get(1).transpose(0, 2, 3, 1).reshape(pixels, d);
    int mm = Math.min(cfg.anchors(), pixels);
    int n = Math.min(cfg.negatives(), mm - 1);
    Random r = new Random(seed);
    long[] anchors = choose(pixels, mm, r);
    NDArray idx = m.create(anchors);
    NDArray q = zs.get(idx); // M×D, gradient
    NDArray kpos = zw.get(idx); // M×D, no gradient
    NDArray pa = pwFlat.get(idx); // M×K
    float[] weights = candidateWeights(pa, anchors, h * w);
    float[] scores = new float[mm * mm];
    for (int i = 0; i < scores.length; i++) {
      double u = 1e-7 + (1 - 1e-7) * r.nextDouble();
      double gumbel = -Math.log(-Math.log(u));
      scores[i] = weights[i] > 0 ? (float) (Math.log(weights[i]) + gumbel) : -1e9f;
    }
    NDArray negIdx = m.create(scores, new Shape(mm, mm)).topK(n, 1, true, false).get(1);
    NDArray simAll = q.matMul(kpos.transpose()).div((float) cfg.temperature()); // M×M
    NDArray pos = q.mul(kpos).sum(new int[] {1}, true).div((float) cfg.temperature()); // M×1
    NDArray neg = simAll.gather(negIdx, 1); // M×N
    NDArray logitsC = pos.concat(neg, 1);
    NDArray ctr = logitsC.logSoftmax(1).get(":, 0").neg();
    NDArray keepA = keep.get(idx);
    ctr = ctr.mul(keepA).sum().div(keepA.sum().maximum(1f));
    NDArray total =
        ce.add(
            cy.mul((float) (cfg.lambdaConsistency() * unlabeledWeight))
                .add(ctr.mul((float) (cfg.lambdaContrastive() * unlabeledWeight))));
    long[] chosen = negIdx.toLongArray();
    long[] negPixels = new long[chosen.length];
    for (int i = 0; i < chosen.length; i++) {
      negPixels[i] = anchors[(int) chosen[i]];
    }
    return new StepLosses(total, ce.getFloat(), cy.getFloat(), ctr.getFloat(), anchors, negPixels);
  }

  /** p_ij over the M candidates for every anchor (rows), 0 on the diagonal. */
  private float[] candidateWeights(NDArray probs, long[] pix, int perImage) {
    int mm = pix.length;
    SamplingScheme sch = cfg.sampling();
    boolean debias = sch == SamplingScheme.DEBIASED || sch == SamplingScheme.DIFF_IMAGE_DEBIASED;
    boolean diff = sch == SamplingScheme.DIFF_IMAGE || sch == SamplingScheme.DIFF_IMAGE_DEBIASED;
    float[] dots = debias ? probs.matMul(probs.transpose()).toFloatArray() : null;
    float[] w = new float[mm * mm];
    for (int i = 0; i < mm; i++) {
      long imgI = pix[i] / perImage;
      for (int j = 0; j < mm; j++) {
        if (i == j || (diff && pix[j] / perImage == imgI)) {
          continue;
        }
        w[i * mm + j] = debias ? Math.max(0f, 1f - dots[i * mm + j]) : 1f;
      }
    }
    return w;
  }

  private static long[] choose(int total, int count, Random r) {
    long[] out = new long[count];
    java.util.HashSet<Integer> used = new java.util.HashSet<>();
    int c = 0;
    while (c < count) {
      int v = r.nextInt(total);
      if (used.add(v)) {
        out[c++] = v;
      }
    }
    return out;
  }
}
