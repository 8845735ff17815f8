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
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pc2seg.ml.sampling.SamplingScheme;

/** Labeled pixels as extra negative candidates: which pixels, which ŷ, and their gradient. */
class LabeledCandidatesTest {
  static final int K = 3;
  static final int D = 4;
  static final int H = 4;
  static final int W = 4;
  static final int S = 4; // stride between labels and projection

  NDManager m;

  @BeforeEach
  void setUp() {
    m = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(11);
  }

  @AfterEach
  void tearDown() {
    m.close();
  }

  /** Labels of 2 images, all 255 except the given cell centres of image 1 (class c at (y, x)). */
  private NDArray labels(int[][] cells) {
    int[] lab = new int[2 * H * S * W * S];
    Arrays.fill(lab, 255);
    for (int[] cell : cells) {
      int y = cell[0] * S + S / 2;
      int x = cell[1] * S + S / 2;
      lab[(H * S + y) * W * S + x] = cell[2];
    }
    return m.create(lab, new Shape(2, H * S, W * S)).toType(DataType.INT64, false);
  }

  @Test
  void onlyPaintedCellCentresAreDrawnWithTheirClassOneHotAndTheirOwnImageIndex() {
    int[][] cells = {{0, 0, 2}, {1, 3, 0}, {3, 2, 1}};
    NDArray z = m.randomNormal(new Shape(2, D, H, W));
    LabeledCandidates c = LabeledCandidates.pick(z, labels(cells), K, 255, 10, 5, 1L);
    // three painted cells, all taken although 10 were asked for
    assertThat(c.features().getShape()).isEqualTo(new Shape(3, D));
    assertThat(c.imageIds().toIntArray()).containsOnly(6); // image 1 after 5 unlabeled ones
    float[] p = c.probabilities().toFloatArray();
    float[] f = c.features().toFloatArray();
    float[] zf = z.toFloatArray();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      int cls = -1;
      for (int k = 0; k < K; k++) {
        assertThat(p[i * K + k]).isIn(0f, 1f);
        cls = p[i * K + k] == 1f ? k : cls;
      }
      // find the cell whose features these are
      for (int[] cell : cells) {
        boolean same = true;
        for (int d = 0; d < D; d++) {
          float v = zf[((1 * D + d) * H + cell[0]) * W + cell[1]];
          same &= Math.abs(v - f[i * D + d]) < 1e-6;
        }
        if (same) {
          assertThat(cls).isEqualTo(cell[2]);
          seen.add(cell[0] + "," + cell[1]);
        }
      }
    }
    assertThat(seen).hasSize(3);
  }

  @Test
  void atMostTheRequestedCountAreDrawnWithoutRepeatsAndNoneWithoutPaint() {
    int[][] cells = new int[H * W][];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = new int[] {i / W, i % W, i % K};
    }
    NDArray z = m.randomNormal(new Shape(2, D, H, W));
    LabeledCandidates c = LabeledCandidates.pick(z, labels(cells), K, 255, 5, 0, 2L);
    assertThat(c.features().getShape()).isEqualTo(new Shape(5, D));
    float[] f = c.features().toFloatArray();
    Set<Float> firsts = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      firsts.add(f[i * D]);
    }
    assertThat(firsts).hasSize(5);
    assertThat(LabeledCandidates.pick(z, labels(new int[0][]), K, 255, 5, 0, 2L)).isNull();
    assertThatThrownBy(
            () ->
                LabeledCandidates.pick(
                    m.randomNormal(new Shape(2, D, 3, 3)), labels(cells), K, 255, 5, 0, 2L))
        .hasMessageContaining("do not match");
  }

  @Test
  void labeledCandidatesReceiveGradientAndStayOutOfTheUnlabeledHeatMap() {
    int b = 3;
    NDList weak = outputs(b);
    NDList strong = outputs(b);
    NDArray labeledLogits = m.randomNormal(new Shape(2, K, H * S, W * S));
    NDArray labels = m.randomInteger(0, K, new Shape(2, H * S, W * S), DataType.INT64);
    NDArray labeledZ = m.randomNormal(new Shape(2, D, H, W));
    labeledZ.setRequiresGradient(true);
    Pc2SegObjective with =
        Pc2SegObjective.builder()
            .optAnchors(24)
            .optNegatives(16)
            .optLabeledCandidates(32)
            .optSamplingScheme(SamplingScheme.DIFF_IMAGE_DEBIASED)
            .build();
    LossBreakdown r;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      r = with.compute(labeledLogits, labels, labeledZ, weak, strong, 1f, 3L, null);
      gc.backward(r.loss());
    }
    assertThat(labeledZ.getGradient().abs().sum().getFloat()).isPositive();
    int[] negImage = r.negatives().negativeImage();
    long labeledDraws = Arrays.stream(negImage).filter(i -> i == -1).count();
    assertThat(labeledDraws).as("negatives drawn from labeled pixels").isPositive();
    assertThat(Arrays.stream(negImage).boxed()).allMatch(i -> i >= -1 && i < b);

    // without the option the labeled projection is not used at all
    NDArray z2 = m.randomNormal(new Shape(2, D, H, W));
    z2.setRequiresGradient(true);
    strong.get(1).setRequiresGradient(true);
    Pc2SegObjective without = Pc2SegObjective.builder().optAnchors(24).optNegatives(16).build();
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      LossBreakdown r2 = without.compute(labeledLogits, labels, z2, weak, strong, 1f, 3L, null);
      gc.backward(r2.loss());
      assertThat(Arrays.stream(r2.negatives().negativeImage()).boxed())
          .allMatch(i -> i >= 0 && i < b);
      LossBreakdown plain = without.compute(labeledLogits, labels, weak, strong, 1f, 3L);
      assertThat(plain.total()).isCloseTo(r2.total(), offset(1e-6f));
    }
    assertThat(z2.getGradient().abs().sum().getFloat()).isZero();
  }

  /** Model-like outputs: logits B×K×4H×4W, unit projection B×D×H×W, low logits B×K×H×W. */
  private NDList outputs(int b) {
    NDArray low = m.randomNormal(new Shape(b, K, H, W));
    NDArray z = m.randomNormal(new Shape(b, D, H, W)).normalize(2, 1, 1e-12);
    NDArray logits = low.getNDArrayInternal().interpolation(new long[] {S * H, S * W}, 1, false);
    return new NDList(logits, z, low);
  }
}
