package org.pc2seg.gui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.pc2seg.gui.actions.StudioAction;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** Every plain shortcut of the actions table does what the table says. */
class ShortcutsFxTest extends WorkspaceFxTestBase {
  @Start
  void start(Stage stage) throws Exception {
    startWindow(stage);
  }

  @Test
  void keysSwitchToolsClassesBrushOverlayAndZoom(FxRobot robot) throws Exception {
    waitShown(item(0));
    focusViewer(robot);
    robot.type(KeyCode.E);
    assertThat(viewer().toolProperty().get().name()).isEqualTo("Eraser");
    robot.type(KeyCode.F);
    assertThat(viewer().toolProperty().get().name()).isEqualTo("Fill");
    robot.type(KeyCode.P);
    assertThat(viewer().toolProperty().get().name()).isEqualTo("Polygon");
    robot.type(KeyCode.B);
    assertThat(viewer().toolProperty().get().name()).isEqualTo("Brush");

    double size = ws().brushSize();
    robot.type(KeyCode.CLOSE_BRACKET);
    assertThat(ws().brushSize()).isGreaterThan(size);
    robot.type(KeyCode.OPEN_BRACKET, 2);
    assertThat(ws().brushSize()).isLessThan(size);

    robot.type(KeyCode.DIGIT3);
    assertThat(ws().selectedClass()).isEqualTo(ws().project().classes().get(2).id());
    robot.type(KeyCode.C);
    assertThat(window.maskOverlay().node().isVisible()).isFalse();
    robot.type(KeyCode.C);
    assertThat(window.maskOverlay().node().isVisible()).isTrue();

    robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
    assertThat(viewer().zoomProperty().get()).isEqualTo(1.0);
    robot.type(KeyCode.DIGIT0);
    assertThat(viewer().zoomProperty().get()).isGreaterThan(1.0);

    robot.type(KeyCode.F1);
    assertThat(robot.lookup("#shortcut-overlay").tryQuery()).isPresent();
    robot.type(KeyCode.ESCAPE);
    assertThat(robot.lookup("#shortcut-overlay").tryQuery()).isEmpty();
  }

  @Test
  void spaceDragPansWheelZoomsAndNeitherPaints(FxRobot robot) throws Exception {
    waitShown(item(0));
    focusViewer(robot);
    long before = session().mask().labeledPixels();
    javafx.geometry.Point2D p0 = screen(80, 80);
    robot.press(KeyCode.SPACE);
    try {
      stroke(robot, 80, 80, 120, 80);
    } finally {
      robot.release(KeyCode.SPACE);
    }
    javafx.geometry.Point2D p1 = screen(80, 80);
    assertThat(p1.getX() - p0.getX()).isGreaterThan(10);
    assertThat(session().mask().labeledPixels()).isEqualTo(before);

    double zoom = viewer().zoomProperty().get();
    robot.moveTo(screen(40, 40));
    javafx.geometry.Point2D under = screen(40, 40);
    robot.scroll(3, javafx.geometry.VerticalDirection.UP);
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    assertThat(viewer().zoomProperty().get()).isNotEqualTo(zoom);
    javafx.geometry.Point2D after = screen(40, 40);
    assertThat(after.distance(under)).isLessThan(2.0); // zoom keeps the point under the cursor
  }

  @Test
  void typingInFilterDoesNotTriggerShortcuts(FxRobot robot) throws Exception {
    waitShown(item(0));
    TextField filter = robot.lookup("#image-filter").queryAs(TextField.class);
    robot.clickOn(filter);
    robot.write("img_01");
    robot.type(KeyCode.E);
    assertThat(filter.getText()).isEqualTo("img_01e");
    assertThat(viewer().toolProperty().get().name()).isEqualTo("Brush");
  }

  @Test
  void menusListTheirGroupsInOrderWithQuitLast(FxRobot robot) {
    javafx.scene.control.MenuBar bar =
        robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
    assertThat(menuText(bar, "File"))
        .containsExactly(
            "New project from image folder…",
            "Open project…",
            "Recent projects",
            "Import VOC dataset…",
            "Add images…",
            "—",
            "Save",
            "Export…",
            "—",
            "Quit");
    assertThat(menuText(bar, "Train"))
        .containsExactly(
            "Train",
            "Stop training",
            "Training charts and runs…",
            "—",
            "Accept prediction",
            "Negative-sample heat-map mode");
    assertThat(menuText(bar, "View"))
        .startsWith("Show/hide mask overlay", "Overlay: mask / prediction / both / none", "—");
  }

  @Test
  void helpAboutNamesTheVersionsAndFoldersAndCopiesThem(FxRobot robot) throws Exception {
    robot.interact(() -> window.actions().get(org.pc2seg.gui.actions.ActionId.ABOUT).fire());
    javafx.scene.control.DialogPane about =
        robot.lookup("#about").queryAs(javafx.scene.control.DialogPane.class);
    assertThat(about.getContentText())
        .contains("PC²Seg Studio " + org.pc2seg.AppVersion.app())
        .contains("JavaFX " + org.pc2seg.AppVersion.javafx(), "DJL ", "PyTorch ")
        .contains("Project: " + ws().project().root());
    assertThat(org.pc2seg.AppVersion.pytorch()).matches("\\d+\\.\\d+\\.\\d+");
    robot.clickOn(robot.from(about).lookup("Copy details").queryButton());
    String copied =
        org.testfx.util.WaitForAsyncUtils.asyncFx(
                () -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
            .get();
    assertThat(copied).isEqualTo(about.getContentText());
    assertThat(robot.lookup("#about").tryQuery()).isEmpty();
  }

  private static java.util.List<String> menuText(javafx.scene.control.MenuBar bar, String name) {
    return bar.getMenus().stream()
        .filter(m -> m.getText().equals(name))
        .findFirst()
        .orElseThrow()
        .getItems()
        .stream()
        .map(i -> i instanceof javafx.scene.control.SeparatorMenuItem ? "—" : i.getText())
        .toList();
  }

  @Test
  void tooltipsAndMenusComeFromTheTable(FxRobot robot) throws Exception {
    StudioAction undo = window.actions().get(org.pc2seg.gui.actions.ActionId.UNDO);
    Node button = robot.lookup("#tool-undo").query();
    assertThat(((javafx.scene.control.Button) button).getTooltip().getText())
        .isEqualTo(undo.tooltip())
        .contains("Z");
    assertThat(window.actions().all()).allSatisfy(a -> assertThat(a.label()).isNotBlank());
    long withKeys = window.actions().all().stream().filter(a -> a.accelerator() != null).count();
    assertThat(withKeys).isGreaterThan(25);
  }
}
