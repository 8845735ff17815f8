package org.pc2seg.ml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import org.pc2seg.ml.sampling.SamplingScheme;
import org.pc2seg.ml.tensor.Scalars;

/**
 * The PC²Seg training objective for one mini-batch:
 *
 * <pre>
 *   L = CE(labeled) + w · ( λ1 · l_ctr + λ2 · l_cy )
 * </pre>
 *
 * with w the warm-up weight passed per step. The unlabeled losses work at projection resolution
 * (stride 4): the class probabilities are the softmax of the model's stride-4 logits (output 2 of
 * {@code DeepLabV3Plus}), pixel-aligned with the projection z (output 1); the full-resolution
 * logits are their bilinear upsampling, so nothing is lost and the work is 16× smaller. Given model
 * outputs with only (logits, projection), the logits are bilinearly resized to the projection size
 * instead.
 *
 * <ul>
 *   <li>l_cy: {@link ConsistencyLoss} over all (or all confident) pixels, weak view detached.
 *   <li>l_ctr ({@link AnchorContrast}): M anchor pixels drawn uniformly from the unlabeled batch
 *       (from the confident ones when a threshold is set); z_i from the weak view, z_i⁺ the same
 *       pixel of the strong view; N negatives per anchor drawn among the M pixels by the {@link
 *       SamplingScheme} (weights from the weak-view probabilities), their features taken from the
 *       strong view — so every term of the InfoNCE carries gradient although the weak view carries
 *       none. Optionally L painted pixels of the labeled images join the candidates, with their
 *       one-hot class as ŷ ({@link Builder#optLabeledCandidates}).
 * </ul>
 *
 * <p>Build with {@link #builder()}. Supervised mode returns the cross-entropy alone.
 */
public final class Pc2SegObjective {

  private final boolean supervised;
  private final float contrastiveWeight;
  private final float consistencyWeight;
  private final float confidenceThreshold;
  private final float sharpen;
  private final MaskedCrossEntropyLoss crossEntropy;
  private final ConsistencyLoss consistency = new ConsistencyLoss();
  private final AnchorContrast contrast;

  private Pc2SegObjective(Builder b) {
    supervised = b.supervised;
    contrastiveWeight = b.contrastiveWeight;
    consistencyWeight = b.consistencyWeight;
    confidenceThreshold = b.confidenceThreshold;
    sharpen = b.sharpen;
    crossEntropy = new MaskedCrossEntropyLoss(b.ignoreIndex);
    contrast =
        new AnchorContrast(
            b.anchors, b.negatives, b.scheme, b.labeledCandidates, b.ignoreIndex, b.temperature);
  }

  /** Returns a builder with the documented defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether this objective ignores unlabeled data. */
  public boolean isSupervised() {
    return supervised;
  }

  /** The masked cross-entropy used on labeled pixels (also a DJL {@code Loss}). */
  public MaskedCrossEntropyLoss crossEntropy() {
    return crossEntropy;
  }

  /**
   * Cross-entropy only (the supervised baseline, or the labeled half of a step).
   *
   * @param labeledLogits B×K×H×W
   * @param labels B×H×W class ids, 255 unlabeled
   */
  public LossBreakdown supervised(NDArray labeledLogits, NDArray labels) {
    NDArray ce = crossEntropy.evaluate(labeledLogits, labels);
    float v = ce.getFloat();
    return new LossBreakdown(ce, v, v, 0f, 0f, 0f, null);
  }

  /**
   * The full objective (or the cross-entropy alone in supervised mode, where {@code weak} and
   * {@code strong} may be null).
   *
   * @param labeledLogits B×K×H×W logits of the labeled images
   * @param labels B×H×W their masks (255 = unlabeled pixel)
   * @param weak model outputs for the weakly augmented unlabeled images (logits, projection[,
   *     stride-4 logits]); computed without gradient, detached here anyway
   * @param strong model outputs for the strongly augmented views of the same images
   * @param unlabeledWeight warm-up weight w ≥ 0 of the unlabeled losses for this step
   * @param seed seed of this step's anchor and negative draws (e.g. derived from run seed and step)
   */
  public LossBreakdown compute(
      NDArray labeledLogits,
      NDArray labels,
      NDList weak,
      NDList strong,
      float unlabeledWeight,
      long seed) {
    return compute(labeledLogits, labels, null, weak, strong, unlabeledWeight, seed, null);
  }

  /**
   * The full objective, with the labeled images' projection as a source of further negative
   * candidates, and unlabeled views whose pixels may come from other images of the batch (CutMix).
   *
   * @param labeledZ B_l×D×h×w projection of the labeled images (with gradient), used when {@link
   *     Builder#optLabeledCandidates} is set; may be null otherwise
   * @param sourceImage B·h·w ids of the unlabeled image each flattened pixel (image, y, x at
   *     projection resolution) shows, which is what the different-image samplers compare; null when
   *     pixel p shows image p / (h·w)
   * @see #compute(NDArray, NDArray, NDList, NDList, float, long)
   */
  public LossBreakdown compute(
      NDArray labeledLogits,
      NDArray labels,
      NDArray labeledZ,
      NDList weak,
      NDList strong,
      float unlabeledWeight,
      long seed,
      int[] sourceImage) {
    if (supervised) {
      return supervised(labeledLogits, labels);
    }
    Objects.requireNonNull(weak, "weak-view outputs");
    Objects.requireNonNull(strong, "strong-view outputs");
    NDArray ce = crossEntropy.evaluate(labeledLogits, labels);

    NDArray zWeak = weak.get(1).stopGradient();
    NDArray zStrong = strong.get(1);
    Shape zs = zStrong.getShape();
    if (!zWeak.getShape().equals(zs)) {
      throw new IllegalArgumentException(
          "weak and strong projections differ: " + zWeak.getShape() + " vs " + zs);
    }
    int b = (int) zs.get(0);
    int h = (int) zs.get(2);
    int w = (int) zs.get(3);
    if (sourceImage != null && sourceImage.length != b * h * w) {
      throw new IllegalArgumentException(
          "source image ids: " + sourceImage.length + " for " + b * h * w + " pixels");
    }
    NDArray weakLow = lowLogits(weak, h, w).stopGradient();
    NDArray strongLow = lowLogits(strong, h, w);
    NDArray probWeak = weakLow.softmax(1);

    NDArray confident = null;
    boolean[] eligible = null;
    if (confidenceThreshold > 0) {
      confident = probWeak.max(new int[] {1}).gte(confidenceThreshold);
      eligible = confident.toBooleanArray();
    }
    NDArray target = sharpen == 1f ? weakLow : Scalars.mul(weakLow, 1f / sharpen);
    NDArray cy = consistency.evaluate(target, strongLow, confident);

    AnchorContrast.Result ctrTerm =
        contrast.evaluate(zWeak, zStrong, probWeak, eligible, sourceImage, labeledZ, labels, seed);
    NDArray ctr = ctrTerm.loss();
    NDArray unlabeled = Scalars.mul(ctr, contrastiveWeight).add(Scalars.mul(cy, consistencyWeight));
    NDArray total = ce.add(Scalars.mul(unlabeled, unlabeledWeight));
    return new LossBreakdown(
        total,
        total.getFloat(),
        ce.getFloat(),
        cy.getFloat(),
        ctr.getFloat(),
        unlabeledWeight,
        ctrTerm.negatives());
  }

  /**
   * A common warm-up ramp for w: exp(−5·(1 − t)²) with t = step / warmupSteps clipped to [0, 1]
   * (Laine &amp; Aila); 1 when {@code warmupSteps} ≤ 0.
   */
  public static float rampUp(long step, long warmupSteps) {
    if (warmupSteps <= 0) {
      return 1f;
    }
    double t = Math.min(1.0, Math.max(0.0, (double) step / warmupSteps));
    return (float) Math.exp(-5.0 * (1 - t) * (1 - t));
  }

  private static NDArray lowLogits(NDList out, int h, int w) {
    if (out.size() >= 3) {
      return out.get(2);
    }
    // bilinear, align_corners = false (same as the model's upsampling)
    return out.get(0).getNDArrayInternal().interpolation(new long[] {h, w}, 1, false);
  }

  /**
   * Builder. Defaults (and why): λ1 (contrastive) 0.1 and τ 0.1, the usual pixel-contrast settings
   * that keep the InfoNCE (≈ log(N+1) at start) from dominating the cross-entropy; λ2 (consistency)
   * 1.0, as the consistency term is bounded by 1 and carries most of the semi-supervised signal; M
   * = 512 anchors and N = 128 negatives, an eighth of the 4096 stride-4 pixels of four 128² crops
   * at negligible cost (one 512×512 similarity matrix); the paper's default sampler, diff-image ×
   * debiased; no confidence threshold (the paper uses none).
   */
  public static final class Builder {
    private boolean supervised;
    private float contrastiveWeight = 0.1f;
    private float consistencyWeight = 1.0f;
    private float temperature = 0.1f;
    private int anchors = 512;
    private int negatives = 128;
    private SamplingScheme scheme = SamplingScheme.DIFF_IMAGE_DEBIASED;
    private float confidenceThreshold;
    private float sharpen = 1f;
    private int labeledCandidates;
    private int ignoreIndex = MaskedCrossEntropyLoss.IGNORE;

    private Builder() {}

    /** Cross-entropy only (the supervised baseline). */
    public Builder optSupervised(boolean supervised) {
      this.supervised = supervised;
      return this;
    }

    /** λ1, weight of the pixel contrastive loss (default 0.1). */
    public Builder optContrastiveWeight(float lambda1) {
      this.contrastiveWeight = lambda1;
      return this;
    }

    /** λ2, weight of the consistency loss (default 1.0). */
    public Builder optConsistencyWeight(float lambda2) {
      this.consistencyWeight = lambda2;
      return this;
    }

    /** τ, InfoNCE temperature (default 0.1). */
    public Builder optTemperature(float tau) {
      this.temperature = tau;
      return this;
    }

    /** M, anchor pixels per mini-batch (default 512). */
    public Builder optAnchors(int m) {
      this.anchors = m;
      return this;
    }

    /** N, negatives per anchor (default 128), drawn with replacement. */
    public Builder optNegatives(int n) {
      this.negatives = n;
      return this;
    }

    /** Negative-sampling distribution (default diff-image-debiased). */
    public Builder optSamplingScheme(SamplingScheme scheme) {
      this.scheme = scheme;
      return this;
    }

    /**
     * Only weak-view pixels whose top class probability reaches this value count as anchors and in
     * the consistency loss (default 0 = all pixels).
     */
    public Builder optConfidenceThreshold(float threshold) {
      this.confidenceThreshold = threshold;
      return this;
    }

    /**
     * Temperature T of the consistency target: ŷ_i = softmax(weak logits / T); T &lt; 1 sharpens
     * the weak view's prediction before 1 − cos(ŷ_i, ŷ_i⁺) (default 1 = the paper's ŷ_i).
     */
    public Builder optSharpen(float temperature) {
      this.sharpen = temperature;
      return this;
    }

    /**
     * L labeled pixels (of the labeled images in the same mini-batch, at projection resolution,
     * with a painted class) join the M unlabeled ones as negative candidates; their ŷ is the
     * one-hot painted class, so the debiased weights 1 − ŷ_iᵀŷ_j are exact for them (default 0 =
     * negatives from the unlabeled anchors only).
     */
    public Builder optLabeledCandidates(int count) {
      this.labeledCandidates = count;
      return this;
    }

    /** Mask value ignored by the cross-entropy (default 255). */
    public Builder optIgnoreIndex(int ignoreIndex) {
      this.ignoreIndex = ignoreIndex;
      return this;
    }

    /** Validates and builds. */
    public Pc2SegObjective build() {
      Objects.requireNonNull(scheme, "sampling scheme");
      check(contrastiveWeight >= 0 && Float.isFinite(contrastiveWeight), "λ1 (contrastive weight)");
      check(consistencyWeight >= 0 && Float.isFinite(consistencyWeight), "λ2 (consistency weight)");
      check(temperature > 0 && Float.isFinite(temperature), "τ (temperature)");
      check(anchors >= 2, "M (anchors) must be ≥ 2;");
      check(negatives >= 1, "N (negatives) must be ≥ 1;");
      check(labeledCandidates >= 0, "labeled candidates must be ≥ 0;");
      check(confidenceThreshold >= 0 && confidenceThreshold < 1, "confidence threshold");
      check(sharpen > 0 && sharpen <= 1, "sharpening temperature (0 < T ≤ 1)");
      return new Pc2SegObjective(this);
    }

    private void check(boolean ok, String setting) {
      if (!ok) {
        throw new IllegalArgumentException(
            "invalid "
                + setting
                + " got λ1="
                + contrastiveWeight
                + " λ2="
                + consistencyWeight
                + " τ="
                + temperature
                + " M="
                + anchors
                + " N="
                + negatives
                + " threshold="
                + confidenceThreshold);
      }
    }
  }
}
