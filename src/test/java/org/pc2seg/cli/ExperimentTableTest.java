package org.pc2seg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pc2seg.cli.ExperimentCommand.Cell;
import org.pc2seg.cli.ExperimentTable.RunResult;
import org.pc2seg.ml.sampling.SamplingScheme;
import org.pc2seg.ml.train.Method;

/** The experiment report: per-run rows, means over seeds and paired differences. */
class ExperimentTableTest {
  private static final Cell SUP =
      new Cell(6, Method.SUPERVISED, SamplingScheme.DIFF_IMAGE_DEBIASED);
  private static final Cell UNI = new Cell(6, Method.PC2SEG, SamplingScheme.UNIFORM);
  private static final Cell DEF = new Cell(6, Method.PC2SEG, SamplingScheme.DIFF_IMAGE_DEBIASED);

  private static RunResult miou(double v) {
    return new RunResult(v, v + 1, 50, 100);
  }

  private static RunResult miou(double last, double best) {
    return new RunResult(last, best, 50, 100);
  }

  private static RunResult timed(double miou, double wallSeconds) {
    return new RunResult(miou, miou, 50, wallSeconds);
  }

  @Test
  void meanAndSampleStandardDeviation() {
    assertThat(ExperimentTable.mean(List.of(1.0, 2.0, 6.0))).isEqualTo(3.0);
    assertThat(ExperimentTable.sd(List.of(1.0, 2.0, 6.0))).isCloseTo(Math.sqrt(7), within(1e-12));
    assertThat(ExperimentTable.sd(List.of(4.0))).isZero();
  }

  @Test
  void severalSeedsGiveMeansAndPairedDifferencesAgainstSupervisedAndUniform() {
    Map<Long, Map<Cell, RunResult>> r =
        Map.of(
            1L, Map.of(SUP, miou(20), UNI, miou(30), DEF, miou(33)),
            2L, Map.of(SUP, miou(22), UNI, miou(34, 35), DEF, miou(33, 36)));
    String md =
        ExperimentTable.render(
            "settings", List.of(1L, 2L), List.of(SUP, UNI, DEF), (s, c) -> r.get(s).get(c));
    assertThat(md).startsWith("settings\n");
    assertThat(md)
        .contains("| 1 | 6 | pc2seg | diff-image-debiased | 33.0 | 34.0 | 50.0 | 100 s |");
    // means ± sd over the two seeds
    assertThat(md)
        .contains("| 6 | supervised | - | 2 | 21.0 ± 1.4 | 22.0 ± 1.4 | 50.0 ± 0.0 | 100 s |");
    assertThat(md).contains("| 6 | pc2seg | uniform | 2 | 32.0 ± 2.8 |");
    // default − uniform: +3 and −1 → +1.0 ± sd(√8)/√2 = 1.4 (rounded); one seed of two ≥ 0
    // best: seed 1 +3, seed 2 36 − 35 = +1 → +2.0 ± 1.0
    assertThat(md)
        .contains("| 6 | diff-image-debiased − uniform | 2 | +1.0 ± 2.0 | +2.0 ± 1.0 | 1/2 |");
    assertThat(md)
        .contains("| 6 | diff-image-debiased − supervised | 2 | +12.0 ± 1.0 | +13.0 ± 0.0 | 2/2 |");
    assertThat(md).contains("| 6 | uniform − supervised | 2 | +11.0 ± 1.0 | +11.0 ± 1.0 | 2/2 |");
    assertThat(md).doesNotContain("uniform − uniform");
  }

  @Test
  void theSummaryGivesTheMeanWallTimeOfTheRunsThatFinished() {
    Map<Long, Map<Cell, RunResult>> r =
        Map.of(
            1L, Map.of(SUP, timed(20, 300), UNI, timed(30, 900)),
            2L, Map.of(SUP, timed(22, 500)),
            3L, Map.of(SUP, timed(21, 700), UNI, timed(31, 1200)));
    String md =
        ExperimentTable.render(
            "s", List.of(1L, 2L, 3L), List.of(SUP, UNI), (s, c) -> r.get(s).get(c));
    assertThat(md).contains("| runs | val mIoU | best val mIoU | pixel acc | wall time |");
    assertThat(md)
        .contains("| 6 | supervised | - | 3 | 21.0 ± 1.0 | 21.0 ± 1.0 | 50.0 ± 0.0 | 500 s |");
    // seed 2's uniform run failed: the mean is over the two that finished
    assertThat(md)
        .contains("| 6 | pc2seg | uniform | 2 | 30.5 ± 0.7 | 30.5 ± 0.7 | 50.0 ± 0.0 | 1050 s |");
  }

  @Test
  void aFailedRunIsShownAndLeftOutOfTheSummary() {
    Map<Long, Map<Cell, RunResult>> r =
        Map.of(1L, Map.of(SUP, miou(20), UNI, miou(30)), 2L, Map.of(SUP, miou(22)));
    String md =
        ExperimentTable.render("s", List.of(1L, 2L), List.of(SUP, UNI), (s, c) -> r.get(s).get(c));
    assertThat(md).contains("| 2 | 6 | pc2seg | uniform | failed |");
    assertThat(md).contains("| 6 | pc2seg | uniform | 1 | 30.0 ± 0.0 |");
    assertThat(md).contains("| 6 | uniform − supervised | 1 | +10.0 ± 0.0 | +10.0 ± 0.0 | 1/1 |");
  }

  @Test
  void oneSeedHasNoSummary() {
    String md = ExperimentTable.render("s", List.of(7L), List.of(SUP), (s, c) -> miou(25));
    assertThat(md).contains("| 7 | 6 | supervised | - | 25.0 |");
    assertThat(md).doesNotContain("Mean ±", "Paired");
  }
}
