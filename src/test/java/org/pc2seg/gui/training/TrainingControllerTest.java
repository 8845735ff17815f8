package org.pc2seg.gui.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pc2seg.ml.train.TrainingListener;
import org.pc2seg.ml.train.TrainingProgress;
import org.pc2seg.ml.train.ValidationMetrics;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The controller runs jobs off the FX thread, relays their events in order, and can stop them. */
@ExtendWith(ApplicationExtension.class)
class TrainingControllerTest {
  private TrainingController controller;
  private TrainingPanel panel;

  @Start
  void start(Stage stage) {
    controller = new TrainingController();
    panel = new TrainingPanel(controller);
    stage.setScene(new Scene(panel, 800, 760)); // within the 1280×800 headless screen
    stage.show();
  }

  @AfterEach
  void tearDown() {
    controller.shutdown(2000);
  }

  /** A fake trainer: {@code steps} steps of {@code millis} each, validating every 10 steps. */
  private static TrainingJob<Integer> steps(int steps, long millis) {
    return (l, cancel) -> {
      int done = 0;
      for (int s = 1; s <= steps && !cancel.isCancelled(); s++) {
        if (millis > 0) {
          Thread.sleep(millis);
        }
        assertThat(Platform.isFxApplicationThread()).isFalse();
        l.onProgress(
            new TrainingProgress(s, steps, 2.0 / s, 1.0 / s, 0.5 / s, 0.5 / s, 0.01, 8, 0));
        if (s % (steps >= 5000 ? 100 : 10) == 0) {
          l.onValidation(
              new ValidationMetrics(s, s / (double) steps, new double[] {0.9, 0.1}, 0.8));
        }
        done = s;
      }
      return done;
    };
  }

  private <R> CompletableFuture<TrainingController.RunEnd<R>> startOnFx(
      TrainingJob<R> job, boolean[] accepted) {
    CompletableFuture<TrainingController.RunEnd<R>> end = new CompletableFuture<>();
    WaitForAsyncUtils.waitFor(
        WaitForAsyncUtils.asyncFx(
            () -> accepted[0] = controller.start("test", job, end::complete)));
    return end;
  }

  @Test
  void aShutDownControllerRefusesANewRunInsteadOfThrowing() {
    controller.shutdown(2000);
    boolean[] accepted = {true};
    startOnFx(steps(3, 0), accepted);
    assertThat(accepted[0]).isFalse();
    assertThat(controller.isRunning()).isFalse();
  }

  @Test
  void deliversEveryEventInOrderOnTheFxThreadAndReportsTheResult() throws Exception {
    List<Integer> seen = new ArrayList<>();
    List<Boolean> onFx = new ArrayList<>();
    WaitForAsyncUtils.asyncFx(
            () ->
                controller.addFxListener(
                    p -> {
                      seen.add(p.step());
                      onFx.add(Platform.isFxApplicationThread());
                    }))
        .get();
    boolean[] ok = new boolean[1];
    TrainingController.RunEnd<Integer> end = startOnFx(steps(50, 1), ok).get(20, TimeUnit.SECONDS);
    assertThat(ok[0]).isTrue();
    assertThat(end.outcome()).isEqualTo(TrainingController.Outcome.SUCCEEDED);
    assertThat(end.result()).isEqualTo(50);
    assertThat(seen).hasSize(50).isSorted();
    assertThat(onFx).containsOnly(true);
    assertThat(controller.isRunning()).isFalse();
    assertThat(controller.progressProperty().get().step()).isEqualTo(50);
    assertThat(panel.charts().lossPoints()).isEqualTo(50);
    assertThat(panel.charts().miouPoints()).hasSize(5);
    assertThat(panel.progressBar().getProgress()).isEqualTo(1.0);
    assertThat(panel.statsLabel().getText()).contains("step 50 / 50");
  }

  @Test
  void secondStartIsRefusedWhileARunIsActiveAndTheButtonsFollow() throws Exception {
    boolean[] first = new boolean[1];
    CompletableFuture<TrainingController.RunEnd<Integer>> end = startOnFx(steps(1000, 5), first);
    boolean[] second = new boolean[1];
    startOnFx(steps(5, 0), second);
    assertThat(first[0]).isTrue();
    assertThat(second[0]).isFalse();
    assertThat(panel.trainButton().isDisabled()).isTrue();
    assertThat(panel.stopButton().isDisabled()).isFalse();
    controller.stop();
    assertThat(end.get(10, TimeUnit.SECONDS).outcome())
        .isEqualTo(TrainingController.Outcome.CANCELLED);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(panel.trainButton().isDisabled()).isFalse();
    assertThat(panel.stopButton().isDisabled()).isTrue();
  }

  @Test
  void stopEndsTheRunWithinAboutOneStep() throws Exception {
    boolean[] ok = new boolean[1];
    CompletableFuture<TrainingController.RunEnd<Integer>> end = startOnFx(steps(10_000, 50), ok);
    Thread.sleep(300);
    long t0 = System.nanoTime();
    WaitForAsyncUtils.asyncFx(() -> panel.stopButton().fire()).get();
    TrainingController.RunEnd<Integer> e = end.get(10, TimeUnit.SECONDS);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertThat(e.outcome()).isEqualTo(TrainingController.Outcome.CANCELLED);
    assertThat(e.result()).isLessThan(10_000);
    assertThat(ms).isLessThan(1000);
    assertThat(controller.statusProperty().get()).contains("stopped");
  }

  @Test
  void aFailingJobIsReportedWithItsMessage() throws Exception {
    boolean[] ok = new boolean[1];
    TrainingController.RunEnd<Object> e =
        startOnFx(
                (TrainingListener l, org.pc2seg.ml.train.CancelToken c) -> {
                  throw new IllegalStateException("no labeled images in project X");
                },
                ok)
            .get(10, TimeUnit.SECONDS);
    assertThat(e.outcome()).isEqualTo(TrainingController.Outcome.FAILED);
    assertThat(controller.statusProperty().get()).contains("no labeled images in project X");
    assertThat(controller.isRunning()).isFalse();
  }

  @Test
  void thinnedValidationPointsStayInOrderAndEachShowsItsOwnMetrics() throws Exception {
    TrainingCharts charts = panel.charts();
    WaitForAsyncUtils.asyncFx(
            () -> {
              charts.clear();
              for (int v = 1; v <= 123; v++) {
                charts.addValidation(
                    new ValidationMetrics(10 * v, v / 200.0, new double[] {v / 200.0}, 0.5));
                if (v % 7 == 0) {
                  charts.sync();
                }
              }
              charts.sync();
            })
        .get();
    List<javafx.scene.chart.XYChart.Data<Number, Number>> pts = charts.miouPoints();
    assertThat(pts).hasSizeBetween(10, TrainingCharts.MAX_VALIDATION_POINTS);
    assertThat(pts.get(0).getXValue().intValue()).isEqualTo(10);
    assertThat(pts.get(pts.size() - 1).getXValue().intValue()).isEqualTo(1230);
    int prev = 0;
    for (javafx.scene.chart.XYChart.Data<Number, Number> d : pts) {
      ValidationMetrics m = (ValidationMetrics) d.getNode().getUserData();
      assertThat(m.step()).isEqualTo(d.getXValue().intValue()).isGreaterThan(prev);
      assertThat(d.getYValue().doubleValue()).isCloseTo(100 * m.miou(), within(1e-9));
      prev = m.step();
    }
  }

  @Test
  void aFloodOfEventsNeverBlocksTheFxThread() throws Exception {
    int n = 5_000;
    // warm-up run: first use of the chart code (class loading, CSS) is not what this measures
    startOnFx(steps(30, 0), new boolean[1]).get(30, TimeUnit.SECONDS);
    try (FxWatchdog dog = FxWatchdog.start(5, 100)) {
      boolean[] ok = new boolean[1];
      TrainingController.RunEnd<Integer> e = startOnFx(steps(n, 0), ok).get(60, TimeUnit.SECONDS);
      Thread.sleep(100);
      assertThat(e.result()).isEqualTo(n);
      assertThat(dog.pings()).isGreaterThan(0);
      // CPU time the FX thread spent while a ping waited: our work, not the shared machine's load
      System.out.printf(
          "flood of %d events: FX busy max %.1f ms, ping delay max %.1f ms%n",
          n, dog.maxBusyMillis(), dog.maxDelayMillis());
      assertThat(dog.maxBusyMillis()).isLessThan(100);
    }
    assertThat(panel.charts().lossPoints()).isLessThanOrEqualTo(TrainingCharts.MAX_POINTS);
    assertThat(panel.charts().miouPoints())
        .hasSizeBetween(10, TrainingCharts.MAX_VALIDATION_POINTS);
    assertThat(controller.progressProperty().get().step()).isEqualTo(n);
  }
}
