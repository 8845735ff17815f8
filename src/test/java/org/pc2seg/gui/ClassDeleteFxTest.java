package org.pc2seg.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.pc2seg.image.IndexMask;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.LabelClass;
import org.pc2seg.project.MaskStore;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Deleting a class saves unsaved strokes, remaps every mask and reloads the shown one. */
class ClassDeleteFxTest extends WorkspaceFxTestBase {
  @Start
  void start(Stage stage) throws Exception {
    startWindow(stage);
  }

  @Test
  void deleteWithRemapRewritesSavedAndUnsavedPixels(FxRobot robot) throws Exception {
    ImageItem a = item(6);
    robot.interact(() -> ws().show(a));
    waitShown(a);
    focusViewer(robot);
    robot.type(KeyCode.DIGIT4); // dots, id 3
    stroke(robot, 20, 80, 140, 80);
    assertThat(session().mask().get(80, 80)).isEqualTo(3);
    ImageItem labeled = item(0);
    long dotsBefore = count(MaskStore.read(ws().project(), labeled).orElseThrow(), 3);
    long stripesBefore = count(MaskStore.read(ws().project(), labeled).orElseThrow(), 1);
    assertThat(dotsBefore).isPositive();

    LabelClass dots = ws().project().classById(3).orElseThrow();
    Task<Void> task =
        WaitForAsyncUtils.asyncFx(() -> window.classPalette().deleteClass(dots, Optional.of(1)))
            .get(30, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () -> WaitForAsyncUtils.asyncFx(() -> task.getState() == Worker.State.SUCCEEDED).get());
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> session() != null && session().mask().get(80, 80) == 1);

    assertThat(ws().project().isClassId(3)).isFalse();
    assertThat(ws().selectedClass()).isNotEqualTo(3);
    IndexMask after = MaskStore.read(ws().project(), labeled).orElseThrow();
    assertThat(count(after, 3)).isZero();
    assertThat(count(after, 1)).isEqualTo(stripesBefore + dotsBefore);
    assertThat(MaskStore.read(ws().project(), a).orElseThrow().get(80, 80)).isEqualTo(1);
    assertThat(session().history().canUndo()).isFalse();
  }

  private static long count(IndexMask m, int v) {
    long n = 0;
    for (byte b : m.data()) {
      if ((b & 0xFF) == v) {
        n++;
      }
    }
    return n;
  }
}
