package org.pc2seg.active;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UncertaintyMeasureTest {

  /** A 1 × n map whose pixel i has the given class probabilities. */
  static ProbabilityMap map(float[]... pixels) {
    int k = pixels[0].length;
    int n = pixels.length;
    float[] d = new float[k * n];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        d[c * n + i] = pixels[i][c];
      }
    }
    return new ProbabilityMap(k, n, 1, d);
  }

  @Test
  void handComputedPixelValues() {
    ProbabilityMap p = map(new float[] {0.7f, 0.2f, 0.1f});
    double h = -(0.7 * Math.log(0.7) + 0.2 * Math.log(0.2) + 0.1 * Math.log(0.1)) / Math.log(3);
    assertThat(UncertaintyMeasure.ENTROPY.score(p, null, 1)).isCloseTo(h, within(1e-6));
    assertThat(UncertaintyMeasure.MARGIN.score(p, null, 1)).isCloseTo(0.5, within(1e-6));
    assertThat(UncertaintyMeasure.LEAST_CONFIDENCE.score(p, null, 1))
        .isCloseTo(0.3 * 3 / 2, within(1e-6));
  }

  @Test
  void certainPixelsScoreZeroAndUniformPixelsScoreOne() {
    ProbabilityMap sure = map(new float[] {0, 1, 0, 0});
    ProbabilityMap flat = map(new float[] {0.25f, 0.25f, 0.25f, 0.25f});
    for (UncertaintyMeasure m :
        new UncertaintyMeasure[] {
          UncertaintyMeasure.ENTROPY, UncertaintyMeasure.MARGIN, UncertaintyMeasure.LEAST_CONFIDENCE
        }) {
      assertThat(m.score(sure, null, 1)).as(m.cliName()).isCloseTo(0, within(1e-6));
      assertThat(m.score(flat, null, 1)).as(m.cliName()).isCloseTo(1, within(1e-6));
    }
  }

  @Test
  void disagreementComparesTheTwoViews() {
    ProbabilityMap a = map(new float[] {1, 0}, new float[] {0.5f, 0.5f});
    ProbabilityMap b = map(new float[] {0, 1}, new float[] {0.5f, 0.5f});
    // pixel 0: orthogonal -> 1; pixel 1: identical -> 0
    assertThat(UncertaintyMeasure.DISAGREEMENT.pixelValues(a, b)).containsExactly(1.0, 0.0);
    assertThat(UncertaintyMeasure.DISAGREEMENT.score(a, b, 1)).isCloseTo(0.5, within(1e-9));
    assertThat(UncertaintyMeasure.DISAGREEMENT.score(a, a, 1)).isCloseTo(0, within(1e-9));
    assertThatThrownBy(() -> UncertaintyMeasure.DISAGREEMENT.score(a, null, 1))
        .hasMessageContaining("strong");
  }

  @Test
  void topFractionAveragesTheMostUncertainPixels() {
    ProbabilityMap p =
        map(
            new float[] {1, 0},
            new float[] {1, 0},
            new float[] {1, 0},
            new float[] {0.5f, 0.5f}); // margins: 0,0,0,1
    assertThat(UncertaintyMeasure.MARGIN.score(p, null, 1)).isCloseTo(0.25, within(1e-9));
    assertThat(UncertaintyMeasure.MARGIN.score(p, null, 0.25)).isCloseTo(1, within(1e-9));
    assertThat(UncertaintyMeasure.MARGIN.score(p, null, 0.5)).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void softmaxAndParsing() {
    ProbabilityMap p = ProbabilityMap.softmax(2, 1, 1, new float[] {0, (float) Math.log(3)});
    assertThat(p.get(0, 0)).isCloseTo(0.25f, within(1e-6f));
    assertThat(p.get(1, 0)).isCloseTo(0.75f, within(1e-6f));
    assertThat(UncertaintyMeasure.parse("least_confidence"))
        .isEqualTo(UncertaintyMeasure.LEAST_CONFIDENCE);
    assertThat(UncertaintyMeasure.DEFAULT).isEqualTo(UncertaintyMeasure.MARGIN);
    assertThatThrownBy(() -> UncertaintyMeasure.parse("bald")).hasMessageContaining("margin");
    assertThatThrownBy(() -> new ProbabilityMap(3, 2, 2, new float[5]))
        .hasMessageContaining("expected 3x2x2");
  }
}
