package org.pc2seg.ml.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NegativeSamplerTest {

  /** 7 candidates on 3 images, K = 3. */
  static final int K = 3;

  static final int[] IMAGE = {0, 0, 0, 1, 1, 2, 2};
  static final double[] PROBS = {
    0.90, 0.05, 0.05, //
    0.80, 0.10, 0.10, //
    0.10, 0.80, 0.10, //
    0.85, 0.10, 0.05, //
    0.05, 0.90, 0.05, //
    0.20, 0.20, 0.60, //
    0.05, 0.05, 0.90
  };
  static final int ANCHOR = 1;
  static final int DRAWS = 40_000;

  static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  @ParameterizedTest
  @EnumSource(SamplingScheme.class)
  void weightMatrixRowsMatchThePlainJavaFormula(SamplingScheme scheme) {
    NDArray w = NegativeSampler.weights(scheme, probs(), ids());
    float[] flat = w.toFloatArray();
    int m = IMAGE.length;
    for (int i = 0; i < m; i++) {
      double[] p = NegativeDistribution.probabilities(scheme, i, PROBS, IMAGE, K);
      double rowSum = 0;
      for (int j = 0; j < m; j++) {
        rowSum += flat[i * m + j];
      }
      for (int j = 0; j < m; j++) {
        assertThat(flat[i * m + j] / rowSum).isCloseTo(p[j], offset(1e-5));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SamplingScheme.class)
  void singleDrawFrequenciesMatchTheFormula(SamplingScheme scheme) {
    double[] p = NegativeDistribution.probabilities(scheme, ANCHOR, PROBS, IMAGE, K);
    long[] counts = countFirstDraws(scheme, 1, 11L);
    assertMatches(p, counts);
  }

  @ParameterizedTest
  @EnumSource(SamplingScheme.class)
  void everyOneOfSeveralDrawsFollowsTheFormula(SamplingScheme scheme) {
    // With replacement: each of the N slots is an independent draw from p_ij, the last as the
    // first.
    double[] p = NegativeDistribution.probabilities(scheme, ANCHOR, PROBS, IMAGE, K);
    assertMatches(p, countDraws(scheme, 6, 0, 24L));
    assertMatches(p, countDraws(scheme, 6, 5, 24L));
  }

  @Test
  void diffImageNeverDrawsFromTheAnchorsOwnImageOrTheAnchor() {
    for (SamplingScheme scheme :
        new SamplingScheme[] {SamplingScheme.DIFF_IMAGE, SamplingScheme.DIFF_IMAGE_DEBIASED}) {
      // 4 candidates on other images than image 0: n = 4 keeps every slot valid.
      NegativeSample s = NegativeSampler.sample(scheme, probs(), ids(), 4, 5L);
      long[] idx = s.indices().toLongArray();
      boolean[] valid = s.valid().toBooleanArray();
      for (int i = 0; i < IMAGE.length; i++) {
        for (int c = 0; c < 4; c++) {
          int j = (int) idx[i * 4 + c];
          if (IMAGE[i] == 0) {
            assertThat(valid[i * 4 + c]).isTrue();
          }
          if (valid[i * 4 + c]) {
            assertThat(IMAGE[j]).isNotEqualTo(IMAGE[i]);
            assertThat(j).isNotEqualTo(i);
          }
        }
      }
    }
  }

  @Test
  void moreNegativesThanCandidatesRepeatAdmissibleOnesAndNeverFillWithForbiddenOnes() {
    // Anchor 3 (image 1) has 5 candidates on other images; 12 draws all come from those 5.
    NegativeSample s = NegativeSampler.sample(SamplingScheme.DIFF_IMAGE, null, ids(), 12, 3L);
    long[] idx = s.indices().toLongArray();
    boolean[] valid = s.valid().toBooleanArray();
    for (int c = 0; c < 12; c++) {
      assertThat(valid[3 * 12 + c]).isTrue();
      assertThat(IMAGE[(int) idx[3 * 12 + c]]).isNotEqualTo(1);
    }
  }

  @Test
  void anchorsWithoutAnyAdmissibleCandidateGetOnlyInvalidSlots() {
    // Every pixel on one image: diff-image leaves no candidate at all.
    NDArray sameImage = manager.create(new long[] {0, 0, 0, 0});
    NegativeSample s = NegativeSampler.sample(SamplingScheme.DIFF_IMAGE, null, sameImage, 3, 1L);
    boolean[] valid = s.valid().toBooleanArray();
    assertThat(valid).hasSize(12).containsOnly(false);
  }

  @Test
  void debiasedDrawsAreProportionalToOneMinusProbabilityDot() {
    // Independent of NegativeDistribution: compute 1 − ŷ_iᵀŷ_j directly.
    double[] w = new double[IMAGE.length];
    double sum = 0;
    for (int j = 0; j < IMAGE.length; j++) {
      if (j == ANCHOR) {
        continue;
      }
      double dot = 0;
      for (int c = 0; c < K; c++) {
        dot += PROBS[ANCHOR * K + c] * PROBS[j * K + c];
      }
      w[j] = 1 - dot;
      sum += w[j];
    }
    for (int j = 0; j < w.length; j++) {
      w[j] /= sum;
    }
    assertMatches(w, countFirstDraws(SamplingScheme.DEBIASED, 1, 99L));
  }

  @ParameterizedTest
  @EnumSource(SamplingScheme.class)
  void extraCandidatesBeyondTheAnchorsFollowTheSameFormula(SamplingScheme scheme) {
    // Two labeled pixels after the 7 anchors: one-hot class 0 on image 3, class 1 on image 4.
    int[] extraImage = {3, 4};
    double[] extraProbs = {1, 0, 0, 0, 1, 0};
    float[] extraFloats = {1, 0, 0, 0, 1, 0};
    NDArray candProbs = probs().concat(manager.create(extraFloats, new Shape(2, K)), 0);
    NDArray candIds = ids().concat(manager.create(extraImage), 0);
    NDArray w = NegativeSampler.weights(scheme, probs(), ids(), candProbs, candIds);
    assertThat(w.getShape()).isEqualTo(new Shape(IMAGE.length, IMAGE.length + 2));
    float[] flat = w.toFloatArray();
    int c = IMAGE.length + 2;
    boolean debiased =
        scheme == SamplingScheme.DEBIASED || scheme == SamplingScheme.DIFF_IMAGE_DEBIASED;
    for (int i = 0; i < IMAGE.length; i++) {
      assertThat(flat[i * c + i]).as("the anchor itself").isZero();
      for (int e = 0; e < 2; e++) {
        double expected = 1; // another image than every anchor
        if (debiased) {
          double dot = 0;
          for (int k = 0; k < K; k++) {
            dot += PROBS[i * K + k] * extraProbs[e * K + k];
          }
          expected = 1 - dot;
        }
        assertThat(flat[i * c + IMAGE.length + e]).isCloseTo((float) expected, offset(1e-6f));
      }
    }
    // the anchor columns are the square weights
    float[] square = NegativeSampler.weights(scheme, probs(), ids()).toFloatArray();
    for (int i = 0; i < IMAGE.length; i++) {
      for (int j = 0; j < IMAGE.length; j++) {
        assertThat(flat[i * c + j]).isEqualTo(square[i * IMAGE.length + j]);
      }
    }
  }

  @Test
  void candidatesMustStartWithTheAnchors() {
    NDArray few = manager.create(new int[] {0, 1});
    assertThatThrownBy(
            () -> NegativeSampler.weights(SamplingScheme.UNIFORM, null, ids(), null, few))
        .hasMessageContaining("anchors");
  }

  @Test
  void sameSeedSameDraw() {
    NegativeSample a = NegativeSampler.sample(SamplingScheme.UNIFORM, null, ids(), 3, 7L);
    NegativeSample b = NegativeSampler.sample(SamplingScheme.UNIFORM, null, ids(), 3, 7L);
    assertThat(a.indices().toLongArray()).containsExactly(b.indices().toLongArray());
  }

  @Test
  void plainJavaDistributionSumsToOneAndIsZeroWhereForbidden() {
    double[] anchor = {0.9, 0.05, 0.05};
    double[] p =
        NegativeDistribution.probabilities(
            SamplingScheme.DIFF_IMAGE_DEBIASED, anchor, 0, PROBS, IMAGE, K);
    assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, offset(1e-12));
    assertThat(p[0]).isZero();
    assertThat(p[1]).isZero();
    assertThat(p[2]).isZero();
    // candidate 4 (class 1) has weight 1 − 0.0925 vs candidate 3 (class 0, like the anchor).
    assertThat(p[4] / p[3]).isCloseTo(0.9075 / 0.2275, offset(1e-9));
    double[] none =
        NegativeDistribution.probabilities(
            SamplingScheme.DIFF_IMAGE, null, 0, null, new int[] {0, 0}, K);
    assertThat(none).containsExactly(0.0, 0.0);
  }

  /** Replicates the anchor's weight row DRAWS times and counts the first negative of each row. */
  private static long[] countFirstDraws(SamplingScheme scheme, int n, long seed) {
    return countDraws(scheme, n, 0, seed);
  }

  /** Replicates the anchor's weight row DRAWS times and counts slot {@code slot} of each row. */
  private static long[] countDraws(SamplingScheme scheme, int n, int slot, long seed) {
    NDArray w = NegativeSampler.weights(scheme, probs(), ids());
    NDArray row = w.get(ANCHOR).expandDims(0);
    NDArray rows = row.broadcast(new Shape(DRAWS, IMAGE.length)).duplicate();
    NegativeSample s = NegativeSampler.drawFromWeights(rows, n, seed);
    long[] idx = s.indices().toLongArray();
    boolean[] valid = s.valid().toBooleanArray();
    long[] counts = new long[IMAGE.length];
    for (int r = 0; r < DRAWS; r++) {
      assertThat(valid[r * n + slot]).isTrue();
      counts[(int) idx[r * n + slot]]++;
    }
    return counts;
  }

  /** Chi-square goodness of fit (p ≈ 0.001) plus a 5σ bound per cell; zero-p cells never drawn. */
  private static void assertMatches(double[] p, long[] counts) {
    double chi2 = 0;
    int df = -1;
    for (int j = 0; j < p.length; j++) {
      if (p[j] == 0) {
        assertThat(counts[j]).as("draws of zero-probability candidate %d", j).isZero();
        continue;
      }
      df++;
      double expected = p[j] * DRAWS;
      chi2 += (counts[j] - expected) * (counts[j] - expected) / expected;
      double sigma = Math.sqrt(DRAWS * p[j] * (1 - p[j]));
      assertThat(Math.abs(counts[j] - expected)).isLessThan(5 * sigma + 1);
    }
    if (df > 0) {
      // Wilson–Hilferty 0.999 quantile of chi-square(df)
      double z = 3.09;
      double q = df * Math.pow(1 - 2.0 / (9 * df) + z * Math.sqrt(2.0 / (9 * df)), 3);
      assertThat(chi2).isLessThan(q);
    }
  }

  private static NDArray probs() {
    float[] f = new float[PROBS.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) PROBS[i];
    }
    return manager.create(f, new Shape(IMAGE.length, K));
  }

  private static NDArray ids() {
    return manager.create(IMAGE);
  }
}
