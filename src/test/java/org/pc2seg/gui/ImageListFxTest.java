package org.pc2seg.gui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.pc2seg.project.ImageItem;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The image list keeps the image on show selected while the user filters and re-sorts it. */
class ImageListFxTest extends WorkspaceFxTestBase {
  @Start
  void start(Stage stage) throws Exception {
    startWindow(stage);
  }

  @Test
  void clearingTheFilterKeepsTheShownImageSelected(FxRobot robot) throws Exception {
    ImageItem far = item(57);
    robot.interact(() -> ws().show(far));
    waitShown(far);
    TextField filter = robot.lookup("#image-filter").queryAs(TextField.class);

    robot.interact(() -> filter.setText(far.fileName()));
    assertThat(list().getItems()).contains(far);
    assertThat(list().getSelectionModel().getSelectedItem()).isSameAs(far);

    robot.interact(() -> filter.setText(""));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(list().getItems()).hasSize(ws().items().size());
    assertThat(list().getSelectionModel().getSelectedItem()).isSameAs(far);
    assertThat(viewer().currentItem()).isSameAs(far);
  }

  @Test
  void anImageTheFilterHidesStaysOnShowAndIsSelectedWhenItComesBack(FxRobot robot)
      throws Exception {
    ImageItem shown = item(3);
    robot.interact(() -> ws().show(shown));
    waitShown(shown);
    TextField filter = robot.lookup("#image-filter").queryAs(TextField.class);

    robot.interact(() -> filter.setText("val_"));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(list().getItems()).isNotEmpty().doesNotContain(shown);
    assertThat(ws().requestedItem()).isSameAs(shown);

    robot.interact(() -> filter.setText(""));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(list().getSelectionModel().getSelectedItem()).isSameAs(shown);
  }

  @Test
  void reSortingKeepsTheShownImageSelected(FxRobot robot) throws Exception {
    ImageItem shown = item(10);
    robot.interact(() -> ws().show(shown));
    waitShown(shown);

    robot.interact(() -> window.imageList().setSortOrder("Status"));
    WaitForAsyncUtils.waitForFxEvents();
    int at = list().getItems().indexOf(shown);
    assertThat(at).isNotEqualTo(10); // the order did change
    assertThat(list().getSelectionModel().getSelectedIndex()).isEqualTo(at);
    assertThat(viewer().currentItem()).isSameAs(shown);
  }

  @Test
  void theSelectedRowsStatusLineIsWhiteOnlyWhileTheListHasFocus(FxRobot robot) throws Exception {
    ImageItem shown = item(2);
    robot.interact(() -> ws().show(shown));
    waitShown(shown);
    robot.interact(() -> list().requestFocus());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(stateFill(robot, shown)).isEqualTo(Color.WHITE);
    assertThat(stateFill(robot, item(3))).isNotEqualTo(Color.WHITE); // not selected

    focusViewer(robot);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(stateFill(robot, shown)).isNotEqualTo(Color.WHITE); // on the light grey bar
  }

  /** The status line's colour in the cell showing {@code item}. */
  private static Paint stateFill(FxRobot robot, ImageItem item) {
    for (ListCell<?> cell : robot.lookup(".list-cell").queryAllAs(ListCell.class)) {
      if (cell.getItem() == item) {
        return ((Label) cell.lookup(".image-state")).getTextFill();
      }
    }
    throw new AssertionError("no cell shows " + item.fileName());
  }

  private ListView<ImageItem> list() {
    return window.imageList().listView();
  }
}
