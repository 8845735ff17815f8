package org.pc2seg.gui.training;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The watchdog notices when the FX thread is kept busy. */
@ExtendWith(ApplicationExtension.class)
class FxWatchdogTest {
  @Start
  void start(Stage stage) {
    stage.setScene(new Scene(new Label("watchdog"), 200, 100));
    stage.show();
  }

  @Test
  void detectsAFxThreadBusyFor300Ms() throws Exception {
    try (FxWatchdog dog = FxWatchdog.start(5, 100)) {
      while (dog.pings() < 3) {
        Thread.sleep(10);
      }
      double idleBusy = dog.maxBusyMillis();
      Platform.runLater(
          () -> {
            // 300 ms of FX-thread CPU time, however long the loaded machine takes to give it
            java.lang.management.ThreadMXBean mx =
                java.lang.management.ManagementFactory.getThreadMXBean();
            long end = mx.getCurrentThreadCpuTime() + 300_000_000L;
            long x = 0;
            while (mx.getCurrentThreadCpuTime() < end) {
              x += System.nanoTime() % 7;
            }
            if (x == 42) {
              System.out.print("");
            }
          });
      long p = dog.pings();
      while (dog.pings() < p + 3) {
        Thread.sleep(10);
      }
      assertThat(idleBusy).isLessThan(100);
      assertThat(dog.maxBusyMillis()).isGreaterThan(200);
      assertThat(dog.maxDelayMillis()).isGreaterThan(200);
      assertThat(dog.slowPings()).isGreaterThanOrEqualTo(1);
    }
  }
}
