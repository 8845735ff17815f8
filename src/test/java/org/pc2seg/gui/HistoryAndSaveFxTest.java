package org.pc2seg.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.pc2seg.edit.StrokeJournal;
import org.pc2seg.image.IndexMask;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.MaskStore;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Undo/redo shortcuts, history across image switches, explicit save and autosave. */
class HistoryAndSaveFxTest extends WorkspaceFxTestBase {
  @Start
  void start(Stage stage) throws Exception {
    startWindow(stage);
  }

  @Test
  void undoRedoSurvivesImageSwitch(FxRobot robot) throws Exception {
    ImageItem a = item(6);
    robot.interact(() -> ws().show(a));
    waitShown(a);
    focusViewer(robot);
    stroke(robot, 20, 40, 140, 40);
    stroke(robot, 20, 120, 140, 120);
    IndexMask m = session().mask();
    assertThat(m.get(80, 40)).isEqualTo(1);
    assertThat(m.get(80, 120)).isEqualTo(1);

    robot.push(KeyCode.CONTROL, KeyCode.Z);
    assertThat(m.get(80, 120)).isEqualTo(255);
    assertThat(m.get(80, 40)).isEqualTo(1);
    robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
    assertThat(m.get(80, 120)).isEqualTo(1);
    robot.push(KeyCode.CONTROL, KeyCode.Z);
    robot.push(KeyCode.CONTROL, KeyCode.Y);
    assertThat(m.get(80, 120)).isEqualTo(1);

    robot.type(KeyCode.D);
    waitShown(item(7));
    assertThat(session().mask().get(80, 120)).isEqualTo(255);
    robot.type(KeyCode.A);
    waitShown(a);
    IndexMask back = session().mask();
    assertThat(back.get(80, 120)).isEqualTo(1);
    robot.push(KeyCode.CONTROL, KeyCode.Z);
    assertThat(back.get(80, 120)).isEqualTo(255);
    assertThat(back.get(80, 40)).isEqualTo(1);
    robot.push(KeyCode.CONTROL, KeyCode.Z);
    assertThat(back.labeledPixels()).isZero();
  }

  @Test
  void ctrlSSavesAndReopenGivesSamePixels(FxRobot robot) throws Exception {
    ImageItem a = item(8);
    robot.interact(() -> ws().show(a));
    waitShown(a);
    focusViewer(robot);
    robot.type(KeyCode.DIGIT4);
    stroke(robot, 30, 30, 130, 130);
    robot.push(KeyCode.CONTROL, KeyCode.S);
    assertThat(ws().awaitSaves(20_000)).isTrue();
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(ws().unsavedProperty().get()).isFalse();

    Project reopened = ProjectStore.open(projectDir);
    ImageItem ri = reopened.item(a.path()).orElseThrow();
    assertThat(ri.status()).isEqualTo(ImageStatus.LABELED);
    IndexMask saved = MaskStore.read(reopened, ri).orElseThrow();
    assertThat(saved).isEqualTo(session().mask());
    assertThat(saved.get(80, 80)).isEqualTo(3);
    assertThat(Files.exists(projectDir.resolve(StrokeJournal.DIR).resolve(a.stem() + ".saving")))
        .isFalse();
  }

  @Test
  void autosaveWritesAfterIdle(FxRobot robot) throws Exception {
    ImageItem a = item(9);
    robot.interact(() -> ws().show(a));
    waitShown(a);
    focusViewer(robot);
    java.nio.file.Path file = ws().project().maskFile(a);
    assertThat(file).doesNotExist();
    stroke(robot, 40, 40, 120, 60);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(file));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !ws().unsavedProperty().get());
    Project reopened = ProjectStore.open(projectDir);
    assertThat(MaskStore.read(reopened, reopened.item(a.path()).orElseThrow()))
        .contains(session().mask());
  }
}
