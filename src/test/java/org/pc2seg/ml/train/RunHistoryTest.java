package org.pc2seg.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {
  @TempDir Path tmp;

  @Test
  void readsTheLossCurveValidationsAndPlannedStepsARunWrote() throws Exception {
    RunFolder run = new RunFolder(tmp.resolve("run"));
    Files.createDirectories(run.dir());
    run.writeConfig(TrainConfig.defaults().toBuilder().optSteps(300).build());
    MetricsLog log = new MetricsLog();
    for (int s = 1; s <= 3; s++) {
      log.losses.add(new MetricsLog.LossPoint(s, 3.0 / s, 2.0 / s, 0.5, 0.25 * s, 1e-3, 1.0));
    }
    log.addValidation(new ValidationMetrics(2, 0.4, new double[] {0.7, Double.NaN}, 0.8));
    log.addValidation(new ValidationMetrics(3, 0.3, new double[] {0.6, 0.0}, 0.7));
    run.writeMetrics(
        log.toJson(
            new TrainingResult(
                run.dir(), 3, StopReason.CANCELLED, "stopped at step 3", null, null, 1.0, 10)));

    RunHistory h = RunHistory.read(run.dir());

    assertThat(h.plannedSteps()).isEqualTo(300);
    assertThat(h.stepsDone()).isEqualTo(3);
    assertThat(h.losses())
        .extracting(RunHistory.Step::step, RunHistory.Step::loss, RunHistory.Step::ctr)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, 3.0, 0.25),
            org.assertj.core.groups.Tuple.tuple(2, 1.5, 0.5),
            org.assertj.core.groups.Tuple.tuple(3, 1.0, 0.75));
    assertThat(h.validations()).extracting(ValidationMetrics::step).containsExactly(2, 3);
    assertThat(h.validations().get(0).perClassIou()[1]).isNaN();
    assertThat(h.best().step()).isEqualTo(2);
  }

  @Test
  void aRunWithoutMetricsOrWithBrokenOnesIsAnIoExceptionSayingWhich() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("fresh"));
    assertThatThrownBy(() -> RunHistory.read(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no metrics.json");
    Files.writeString(dir.resolve(RunFolder.METRICS), "{\"losses\": [ {\"step\": ");
    assertThatThrownBy(() -> RunHistory.read(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot read");
  }

  @Test
  void withoutAConfigTheStepAxisFollowsTheStepsDone() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("bare"));
    Files.writeString(
        dir.resolve(RunFolder.METRICS),
        "{\"steps_done\": 2, \"losses\": [{\"step\": 1, \"loss\": 1, \"ce\": 1, \"cy\": 0,"
            + " \"ctr\": 0, \"lr\": 0.001}, {\"step\": 2, \"loss\": 0.5, \"ce\": 0.5, \"cy\": 0,"
            + " \"ctr\": 0, \"lr\": 0.001}]}");
    RunHistory h = RunHistory.read(dir);
    assertThat(h.plannedSteps()).isEqualTo(2);
    assertThat(h.validations()).isEmpty();
    assertThat(h.best()).isNull();
  }
}
