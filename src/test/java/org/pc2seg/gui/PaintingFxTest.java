package org.pc2seg.gui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.pc2seg.gui.tools.PolygonTool;
import org.pc2seg.image.IndexMask;
import org.pc2seg.project.ImageItem;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Brush, eraser, fill and polygon through real mouse events on the viewer. */
class PaintingFxTest extends WorkspaceFxTestBase {
  @Start
  void start(Stage stage) throws Exception {
    startWindow(stage);
  }

  @Test
  void brushPaintsSelectedClassAndEraserClears(FxRobot robot) throws Exception {
    ImageItem first = item(6); // unlabeled
    robot.interact(() -> ws().show(first));
    waitShown(first);
    focusViewer(robot);
    robot.type(KeyCode.DIGIT3); // class at index 2: "checker" (id 2)
    robot.type(KeyCode.B);
    assertThat(ws().selectedClass()).isEqualTo(2);
    assertThat(session().mask().labeledPixels()).isZero();

    stroke(robot, 20, 80, 140, 80);
    IndexMask m = session().mask();
    assertThat(m.get(20, 80)).isEqualTo(2);
    assertThat(m.get(80, 80)).isEqualTo(2);
    assertThat(m.get(140, 80)).isEqualTo(2);
    assertThat(m.get(80, 30)).isEqualTo(255);
    assertThat(ws().unsavedProperty().get()).isTrue();

    robot.type(KeyCode.E);
    robot.interact(() -> ws().brushSizeProperty().set(30));
    stroke(robot, 10, 80, 150, 80);
    assertThat(m.labeledPixels()).isZero();
    assertThat(session().history().undoDepth()).isEqualTo(2);
  }

  @Test
  void altDragErasesWithBrush(FxRobot robot) throws Exception {
    waitShown(item(0));
    focusViewer(robot);
    IndexMask m = session().mask();
    assertThat(m.get(80, 80)).isNotEqualTo(255);
    robot.interact(() -> ws().brushSizeProperty().set(20));
    robot.press(KeyCode.ALT);
    try {
      stroke(robot, 70, 80, 90, 80);
    } finally {
      robot.release(KeyCode.ALT);
    }
    assertThat(m.get(80, 80)).isEqualTo(255);
  }

  @Test
  void floodFillAndPolygon(FxRobot robot) throws Exception {
    ImageItem blank = item(7);
    robot.interact(() -> ws().show(blank));
    waitShown(blank);
    focusViewer(robot);
    robot.type(KeyCode.DIGIT2); // id 1
    robot.type(KeyCode.F);
    robot.moveTo(screen(50, 50)).clickOn(MouseButton.PRIMARY);
    WaitForAsyncUtils.waitForFxEvents();
    IndexMask m = session().mask();
    assertThat(m.labeledPixels()).isEqualTo((long) m.width() * m.height());
    assertThat(m.get(0, 0)).isEqualTo(1);

    robot.type(KeyCode.P);
    robot.type(KeyCode.DIGIT4); // id 3
    robot.moveTo(screen(20, 20)).clickOn(MouseButton.PRIMARY);
    robot.moveTo(screen(120, 20)).clickOn(MouseButton.PRIMARY);
    robot.moveTo(screen(20, 120)).clickOn(MouseButton.PRIMARY);
    PolygonTool poly = window.polygonTool();
    assertThat(poly.vertexCount()).isEqualTo(3);
    robot.type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(poly.vertexCount()).isZero();
    assertThat(m.get(30, 30)).isEqualTo(3);
    assertThat(m.get(110, 110)).isEqualTo(1);
    assertThat(session().history().undoDepth()).isEqualTo(2);
  }
}
