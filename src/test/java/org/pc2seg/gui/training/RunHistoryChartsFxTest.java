package org.pc2seg.gui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pc2seg.ml.train.RunHistory;
import org.pc2seg.ml.train.TrainingProgress;
import org.pc2seg.ml.train.ValidationMetrics;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The training charts show a finished run's recorded curves: the active one, or the row picked. */
@ExtendWith(ApplicationExtension.class)
class RunHistoryChartsFxTest {
  private final Path runA = Path.of("models", "20261127-100000-pc2seg");
  private final Path runB = Path.of("models", "20261127-110000-supervised");
  private final Map<Path, RunHistory> stored = new HashMap<>();
  private final List<Path> reads = new ArrayList<>();
  private TrainingController controller;
  private TrainingPanel panel;

  @Start
  void start(Stage stage) {
    controller = new TrainingController();
    panel = new TrainingPanel(controller);
    stored.put(runA, history(40, 4, 0.6));
    stored.put(runB, history(120, 3, 0.3));
    panel.setHistoryReader(
        dir -> {
          reads.add(dir);
          RunHistory h = stored.get(dir);
          if (h == null) {
            throw new IOException("no metrics.json in " + dir + " yet");
          }
          return h;
        },
        Runnable::run);
    stage.setScene(new Scene(panel, 800, 760));
    stage.show();
  }

  @AfterEach
  void tearDown() {
    controller.shutdown(2000);
  }

  /** {@code steps} logged steps, {@code vals} validations rising to {@code bestMiou}. */
  private static RunHistory history(int steps, int vals, double bestMiou) {
    List<RunHistory.Step> losses = new ArrayList<>();
    for (int s = 1; s <= steps; s++) {
      losses.add(new RunHistory.Step(s, 2.0 / s, 1.0 / s, 0.5 / s, 0.5 / s));
    }
    List<ValidationMetrics> v = new ArrayList<>();
    for (int i = 1; i <= vals; i++) {
      int step = steps * i / vals;
      v.add(new ValidationMetrics(step, bestMiou * i / vals, new double[] {0.9, 0.1}, 0.8));
    }
    return new RunHistory(steps, steps, losses, v);
  }

  private static RunSummary row(Path dir, int steps) {
    return new RunSummary(dir.getFileName().toString(), dir, steps, 0.5, "pc2seg", "uniform");
  }

  private void showRuns(FxRobot robot, Path active) {
    robot.interact(
        () -> {
          panel.runsTable().setRuns(List.of(row(runB, 120), row(runA, 40)));
          panel.setActiveModel(active);
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void theActiveRunIsDrawnAndPickingAnotherRowDrawsThatOne(FxRobot robot) {
    showRuns(robot, runA);
    assertThat(reads).containsExactly(runA);
    assertThat(panel.charts().lossPoints()).isEqualTo(40);
    assertThat(panel.charts().miouPoints()).hasSize(4);
    assertThat(panel.statsLabel().getText())
        .isEqualTo("Run 20261127-100000-pc2seg: 40 of 40 steps, best mIoU 60.0 % at step 40");
    javafx.scene.control.Label active = robot.lookup("#monitor-active-model").query();
    assertThat(active.getText().replace('\u00a0', ' '))
        .isEqualTo("Active model (val mIoU 50.0 %): 20261127-100000-pc2seg");

    robot.interact(() -> panel.runsTable().getSelectionModel().select(0));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(panel.charts().lossPoints()).isEqualTo(120);
    assertThat(panel.charts().miouPoints()).hasSize(3);
    assertThat(panel.statsLabel().getText()).contains("supervised", "best mIoU 30.0 %");
  }

  @Test
  void aRunWithoutMetricsSaysWhyAndLeavesTheChartsEmpty(FxRobot robot) {
    stored.remove(runA);
    showRuns(robot, runA);
    assertThat(panel.charts().lossPoints()).isZero();
    assertThat(panel.charts().miouPoints()).isEmpty();
    assertThat(panel.statsLabel().getText())
        .startsWith("20261127-100000-pc2seg: no curves to show")
        .contains("no metrics.json");
  }

  @Test
  void aRunTrainedInThisSessionStaysOnTheChartsUntilARowIsPicked(FxRobot robot) throws Exception {
    showRuns(robot, runA); // the active run is on the charts, its row selected, when Train is hit
    assertThat(reads).containsExactly(runA);
    CompletableFuture<TrainingController.RunEnd<Integer>> end = new CompletableFuture<>();
    TrainingJob<Integer> job =
        (l, cancel) -> {
          for (int s = 1; s <= 30; s++) {
            l.onProgress(new TrainingProgress(s, 30, 1.0, 0.5, 0.2, 0.3, 0.01, 8, 0));
          }
          return 30;
        };
    robot.interact(() -> controller.start("test", job, end::complete));
    end.get(20, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(panel.charts().lossPoints()).isEqualTo(30);

    showRuns(robot, runA); // the list refreshes after the run, as the feature does
    assertThat(reads).containsExactly(runA);
    assertThat(panel.charts().lossPoints()).isEqualTo(30);

    robot.interact(() -> panel.runsTable().getSelectionModel().select(1));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(reads).containsExactly(runA, runA);
    assertThat(panel.charts().lossPoints()).isEqualTo(40);

    robot.interact(panel::projectChanged); // another project: its active run is drawn again
    assertThat(panel.charts().lossPoints()).isZero();
    showRuns(robot, runB);
    assertThat(panel.charts().lossPoints()).isEqualTo(120);
  }
}
