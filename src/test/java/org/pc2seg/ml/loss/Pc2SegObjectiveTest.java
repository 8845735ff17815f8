package org.pc2seg.ml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pc2seg.ml.sampling.SamplingScheme;

class Pc2SegObjectiveTest {

  static final int B = 3;
  static final int K = 3;
  static final int D = 4;
  static final int H = 4;
  static final int W = 4;

  NDManager m;
  NDArray labeledLogits;
  NDArray labels;
  NDList weak;
  NDList strong;

  @BeforeEach
  void setUp() {
    m = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(42);
    labeledLogits = m.randomNormal(new Shape(2, K, 4 * H, 4 * W));
    labels = m.randomInteger(0, K, new Shape(2, 4 * H, 4 * W), DataType.INT32);
    weak = outputs();
    strong = outputs();
  }

  @AfterEach
  void tearDown() {
    m.close();
  }

  @Test
  void totalCombinesTheTermsWithTheirWeights() {
    Pc2SegObjective obj =
        Pc2SegObjective.builder()
            .optContrastiveWeight(0.3f)
            .optConsistencyWeight(2f)
            .optAnchors(20)
            .optNegatives(6)
            .build();
    LossBreakdown r = obj.compute(labeledLogits, labels, weak, strong, 0.5f, 1L);
    assertThat(r.isFinite()).isTrue();
    assertThat(r.ce()).isPositive();
    assertThat(r.consistency()).isPositive();
    assertThat(r.contrastive()).isPositive();
    float expected = r.ce() + 0.5f * (0.3f * r.contrastive() + 2f * r.consistency());
    assertThat(r.total()).isCloseTo(expected, offset(1e-4f));
    assertThat(r.loss().getFloat()).isEqualTo(r.total());
    float ce = new MaskedCrossEntropyLoss().evaluate(labeledLogits, labels).getFloat();
    assertThat(r.ce()).isCloseTo(ce, offset(1e-6f));
  }

  @Test
  void contrastiveTermEqualsInfoNceRecomputedFromTheReportedDraws() {
    float tau = 0.2f;
    Pc2SegObjective obj =
        Pc2SegObjective.builder()
            .optTemperature(tau)
            .optAnchors(24)
            .optNegatives(8)
            .optSamplingScheme(SamplingScheme.DIFF_IMAGE)
            .build();
    LossBreakdown r = obj.compute(labeledLogits, labels, weak, strong, 1f, 7L);
    SampledNegatives s = r.negatives();
    assertThat(s.anchorCount()).isEqualTo(24);
    assertThat(s.negativesPerAnchor()).isEqualTo(8);
    float[] zw = weak.get(1).toFloatArray();
    float[] zs = strong.get(1).toFloatArray();
    double sum = 0;
    for (int i = 0; i < 24; i++) {
      int ai = s.anchorImage()[i];
      int ap = s.anchorPixel()[i];
      double pos = Math.exp(dot(zw, ai, ap, zs, ai, ap) / tau);
      double denom = pos;
      for (int n = 0; n < 8; n++) {
        int ni = s.negativeImage()[i * 8 + n];
        int np = s.negativePixel()[i * 8 + n];
        assertThat(ni).as("diff-image negative").isNotEqualTo(ai).isNotNegative();
        denom += Math.exp(dot(zw, ai, ap, zs, ni, np) / tau);
      }
      sum += -Math.log(pos / denom);
    }
    assertThat(r.contrastive()).isCloseTo((float) (sum / 24), offset(1e-4f));
  }

  @Test
  void gradientsReachTheStrongViewOnly() {
    for (NDArray a : weak) {
      a.setRequiresGradient(true);
    }
    for (NDArray a : strong) {
      a.setRequiresGradient(true);
    }
    labeledLogits.setRequiresGradient(true);
    Pc2SegObjective obj = Pc2SegObjective.builder().optAnchors(16).optNegatives(4).build();
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      LossBreakdown r = obj.compute(labeledLogits, labels, weak, strong, 1f, 3L);
      gc.backward(r.loss());
    }
    for (NDArray a : weak) {
      assertThat(a.getGradient().abs().sum().getFloat()).isZero();
    }
    assertThat(strong.get(1).getGradient().abs().sum().getFloat()).isPositive();
    assertThat(strong.get(2).getGradient().abs().sum().getFloat()).isPositive();
    assertThat(labeledLogits.getGradient().abs().sum().getFloat()).isPositive();
  }

  @Test
  void supervisedModeIsCrossEntropyAlone() {
    Pc2SegObjective obj = Pc2SegObjective.builder().optSupervised(true).build();
    LossBreakdown r = obj.compute(labeledLogits, labels, null, null, 1f, 1L);
    float ce = new MaskedCrossEntropyLoss().evaluate(labeledLogits, labels).getFloat();
    assertThat(r.total()).isCloseTo(ce, offset(1e-6f));
    assertThat(r.consistency()).isZero();
    assertThat(r.contrastive()).isZero();
    assertThat(r.negatives()).isNull();
  }

  @Test
  void confidenceThresholdRestrictsAnchorsToConfidentPixels() {
    float threshold = 0.6f;
    Pc2SegObjective obj =
        Pc2SegObjective.builder()
            .optConfidenceThreshold(threshold)
            .optAnchors(1000)
            .optNegatives(4)
            .build();
    LossBreakdown r = obj.compute(labeledLogits, labels, weak, strong, 1f, 5L);
    float[] maxProb = weak.get(2).softmax(1).max(new int[] {1}).toFloatArray();
    int confident = 0;
    for (float p : maxProb) {
      confident += p >= threshold ? 1 : 0;
    }
    assertThat(confident).isBetween(3, B * H * W - 1); // the fixture has both kinds
    SampledNegatives s = r.negatives();
    assertThat(s.anchorCount()).isEqualTo(confident);
    for (int i = 0; i < s.anchorCount(); i++) {
      assertThat(maxProb[s.anchorImage()[i] * H * W + s.anchorPixel()[i]])
          .isGreaterThanOrEqualTo(threshold);
    }
  }

  @Test
  void sameSeedSameLossDifferentSeedDifferentDraws() {
    Pc2SegObjective obj = Pc2SegObjective.builder().optAnchors(16).optNegatives(4).build();
    LossBreakdown a = obj.compute(labeledLogits, labels, weak, strong, 1f, 9L);
    LossBreakdown b = obj.compute(labeledLogits, labels, weak, strong, 1f, 9L);
    LossBreakdown c = obj.compute(labeledLogits, labels, weak, strong, 1f, 10L);
    assertThat(a.total()).isEqualTo(b.total());
    assertThat(a.negatives().anchorPixel()).containsExactly(b.negatives().anchorPixel());
    assertThat(c.negatives().anchorPixel()).isNotEqualTo(a.negatives().anchorPixel());
  }

  @Test
  void outputsWithoutLowResolutionLogitsAreResized() {
    Pc2SegObjective obj = Pc2SegObjective.builder().optAnchors(8).optNegatives(3).build();
    NDList weak2 = new NDList(weak.get(0), weak.get(1));
    NDList strong2 = new NDList(strong.get(0), strong.get(1));
    LossBreakdown r = obj.compute(labeledLogits, labels, weak2, strong2, 1f, 2L);
    assertThat(r.isFinite()).isTrue();
    assertThat(r.consistency()).isPositive();
  }

  @Test
  void differentImageComparesTheImageEachPixelShows() {
    // CutMix: the left half of image 0 shows image 1, the right half of image 2 shows image 0
    int[] source = new int[B * H * W];
    for (int i = 0; i < source.length; i++) {
      int img = i / (H * W);
      int x = i % W;
      source[i] = img == 0 && x < W / 2 ? 1 : img == 2 && x >= W / 2 ? 0 : img;
    }
    Pc2SegObjective obj =
        Pc2SegObjective.builder()
            .optAnchors(B * H * W)
            .optNegatives(16)
            .optSamplingScheme(SamplingScheme.DIFF_IMAGE)
            .build();
    LossBreakdown r = obj.compute(labeledLogits, labels, null, weak, strong, 1f, 4L, source);
    SampledNegatives s = r.negatives();
    // every pixel is an anchor, reported as the image it shows
    int[] shownCount = new int[B];
    int[] anchorCount = new int[B];
    for (int i = 0; i < source.length; i++) {
      shownCount[source[i]]++;
    }
    int pastedNegatives = 0;
    for (int i = 0; i < s.anchorCount(); i++) {
      int shown = s.anchorImage()[i];
      anchorCount[shown]++;
      for (int n = 0; n < 16; n++) {
        int ni = s.negativeImage()[i * 16 + n];
        assertThat(ni).as("negative of an anchor showing image %d", shown).isNotEqualTo(shown);
        int x = s.negativePixel()[i * 16 + n] % W;
        pastedNegatives += (ni == 1 && x < W / 2) || (ni == 0 && x >= W / 2) ? 1 : 0;
      }
    }
    assertThat(anchorCount).containsExactly(shownCount);
    assertThat(shownCount).containsExactly(H * W, H * W * 3 / 2, H * W / 2);
    assertThat(pastedNegatives).as("pasted pixels are drawn too").isPositive();
    assertThatThrownBy(
            () -> obj.compute(labeledLogits, labels, null, weak, strong, 1f, 4L, new int[3]))
        .hasMessageContaining("source image ids");
  }

  @Test
  void sharpeningDividesTheWeakLogitsOfTheConsistencyTarget() {
    float t = 0.5f;
    Pc2SegObjective obj =
        Pc2SegObjective.builder().optContrastiveWeight(0).optAnchors(4).optSharpen(t).build();
    LossBreakdown r = obj.compute(labeledLogits, labels, weak, strong, 1f, 1L);
    float[] lw = weak.get(2).toFloatArray();
    float[] ls = strong.get(2).toFloatArray();
    double sum = 0;
    for (int img = 0; img < B; img++) {
      for (int p = 0; p < H * W; p++) {
        double[] pw = new double[K];
        double[] ps = new double[K];
        double zw = 0;
        double zs = 0;
        for (int c = 0; c < K; c++) {
          int at = (img * K + c) * H * W + p;
          pw[c] = Math.exp(lw[at] / t);
          ps[c] = Math.exp(ls[at]);
          zw += pw[c];
          zs += ps[c];
        }
        double dot = 0;
        double nw = 0;
        double ns = 0;
        for (int c = 0; c < K; c++) {
          dot += pw[c] / zw * ps[c] / zs;
          nw += Math.pow(pw[c] / zw, 2);
          ns += Math.pow(ps[c] / zs, 2);
        }
        sum += 1 - dot / Math.sqrt(nw * ns);
      }
    }
    assertThat(r.consistency()).isCloseTo((float) (sum / (B * H * W)), offset(1e-5f));
    float plain =
        Pc2SegObjective.builder()
            .optContrastiveWeight(0)
            .optAnchors(4)
            .build()
            .compute(labeledLogits, labels, weak, strong, 1f, 1L)
            .consistency();
    assertThat(r.consistency()).isNotCloseTo(plain, offset(1e-3f));
    assertThatThrownBy(() -> Pc2SegObjective.builder().optSharpen(0).build())
        .hasMessageContaining("sharpening");
  }

  @Test
  void invalidSettingsAreNamed() {
    assertThatThrownBy(() -> Pc2SegObjective.builder().optTemperature(0).build())
        .hasMessageContaining("τ");
    assertThatThrownBy(() -> Pc2SegObjective.builder().optAnchors(1).build())
        .hasMessageContaining("anchors");
    assertThat(Pc2SegObjective.rampUp(0, 100)).isCloseTo((float) Math.exp(-5), offset(1e-6f));
    assertThat(Pc2SegObjective.rampUp(100, 100)).isEqualTo(1f);
  }

  /** Model-like outputs: logits B×K×4H×4W, unit projection B×D×H×W, low logits B×K×H×W. */
  private NDList outputs() {
    NDArray low = m.randomNormal(new Shape(B, K, H, W)).mul(2);
    NDArray z = m.randomNormal(new Shape(B, D, H, W)).normalize(2, 1, 1e-12);
    NDArray logits = low.getNDArrayInternal().interpolation(new long[] {4 * H, 4 * W}, 1, false);
    return new NDList(logits, z, low);
  }

  private static double dot(float[] a, int ia, int pa, float[] b, int ib, int pb) {
    double s = 0;
    for (int c = 0; c < D; c++) {
      s += a[((ia * D) + c) * H * W + pa] * b[((ib * D) + c) * H * W + pb];
    }
    return s;
  }
}
