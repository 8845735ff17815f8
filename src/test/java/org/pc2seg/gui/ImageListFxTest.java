package org.pc2seg.gui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
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

  private ListView<ImageItem> list() {
    return window.imageList().listView();
  }
}
