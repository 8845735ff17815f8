package org.pc2seg.ml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.pc2seg.ml.sampling.NegativeSample;
import org.pc2seg.ml.sampling.NegativeSampler;
import org.pc2seg.ml.sampling.SamplingScheme;
import org.pc2seg.ml.tensor.Upload;

/**
 * The pixel contrastive term of {@link Pc2SegObjective} for one mini-batch: M anchor pixels drawn
 * uniformly from the unlabeled batch (among the eligible ones when given), z_i from the weak view,
 * z_i⁺ the same pixel of the strong view, N negatives per anchor drawn among the M pixels (and
 * optionally L labeled pixels) by a {@link SamplingScheme}, their features from the strong view,
 * and the InfoNCE over them.
 */
final class AnchorContrast {

  /** The term and where its negatives came from. */
  record Result(NDArray loss, SampledNegatives negatives) {}

  private final int anchors;
  private final int negatives;
  private final SamplingScheme scheme;
  private final int labeledCandidates;
  private final int ignoreIndex;
  private final PixelContrastiveLoss contrastive;

  AnchorContrast(
      int anchors,
      int negatives,
      SamplingScheme scheme,
      int labeledCandidates,
      int ignoreIndex,
      float temperature) {
    this.anchors = anchors;
    this.negatives = negatives;
    this.scheme = scheme;
    this.labeledCandidates = labeledCandidates;
    this.ignoreIndex = ignoreIndex;
    this.contrastive = new PixelContrastiveLoss(temperature);
  }

  /**
   * @param zWeak B×D×h×w weak-view projection (detached)
   * @param zStrong B×D×h×w strong-view projection (with gradient)
   * @param probWeak B×K×h×w weak-view class probabilities (the debiasing ŷ)
   * @param eligible per flattened pixel whether it may be an anchor, or null for all
   * @param sourceImage per flattened pixel the unlabeled image it shows, or null for its own
   * @param labeledZ projection of the labeled images (labeled candidates), or null
   * @param labels masks of the labeled images (the labeled candidates' classes)
   * @param seed seed of the anchor and negative draws
   */
  Result evaluate(
      NDArray zWeak,
      NDArray zStrong,
      NDArray probWeak,
      boolean[] eligible,
      int[] sourceImage,
      NDArray labeledZ,
      NDArray labels,
      long seed) {
    Shape zs = zStrong.getShape();
    int b = (int) zs.get(0);
    int d = (int) zs.get(1);
    int h = (int) zs.get(2);
    int w = (int) zs.get(3);
    int k = (int) probWeak.getShape().get(1);
    NDManager mgr = zStrong.getManager();
    int[] picked = DistinctDraw.among(b * h * w, eligible, anchors, new SplittableRandom(seed));
    if (picked.length < 2) {
      return new Result(mgr.zeros(new Shape()), SampledNegatives.empty(h, w));
    }
    long[] flat = new long[picked.length];
    int[] imageOf = new int[picked.length];
    int[] pixelOf = new int[picked.length];
    for (int i = 0; i < picked.length; i++) {
      flat[i] = picked[i];
      imageOf[i] = sourceImage == null ? picked[i] / (h * w) : sourceImage[picked[i]];
      pixelOf[i] = picked[i] % (h * w);
    }
    NDArray index = Upload.longs(mgr, flat, new Shape(flat.length));
    NDArray anchorZ = pixelsLast(zWeak, d).get(index);
    NDArray strongZ = pixelsLast(zStrong, d).get(index);
    NDArray anchorP = pixelsLast(probWeak, k).get(index);
    NDArray anchorImages = Upload.ints(mgr, imageOf, new Shape(imageOf.length));
    LabeledCandidates extra =
        labeledZ == null || labeledCandidates == 0
            ? null
            : LabeledCandidates.pick(
                labeledZ, labels, k, ignoreIndex, labeledCandidates, b, mix(seed + 1));
    // the candidates: the anchors themselves, then the labeled pixels if any
    NDArray candidates = extra == null ? strongZ : strongZ.concat(extra.features(), 0);
    NDArray candidateP = extra == null ? anchorP : anchorP.concat(extra.probabilities(), 0);
    NDArray candidateImages =
        extra == null ? anchorImages : anchorImages.concat(extra.imageIds(), 0);
    NegativeSample sample =
        NegativeSampler.drawFromWeights(
            NegativeSampler.weights(scheme, anchorP, anchorImages, candidateP, candidateImages),
            negatives,
            mix(seed));
    NDArray loss =
        contrastive.evaluate(anchorZ, strongZ, candidates, sample.indices(), sample.valid());
    return new Result(loss, describe(h, w, negatives, imageOf, pixelOf, sample));
  }

  /** B×C×h×w → (B·h·w)×C, rows ordered image, y, x. */
  static NDArray pixelsLast(NDArray x, int channels) {
    return x.transpose(0, 2, 3, 1).reshape(-1, channels);
  }

  private static SampledNegatives describe(
      int h, int w, int n, int[] imageOf, int[] pixelOf, NegativeSample sample) {
    long[] idx = sample.indices().toLongArray();
    boolean[] valid = sample.valid().toBooleanArray();
    int[] negImage = new int[idx.length];
    int[] negPixel = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      boolean unlabeled = valid[i] && idx[i] < imageOf.length; // labeled candidates come after
      negImage[i] = unlabeled ? imageOf[(int) idx[i]] : -1;
      negPixel[i] = unlabeled ? pixelOf[(int) idx[i]] : -1;
    }
    return new SampledNegatives(h, w, n, imageOf, pixelOf, negImage, negPixel);
  }

  private static long mix(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
