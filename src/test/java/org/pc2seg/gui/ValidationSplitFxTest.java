package org.pc2seg.gui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ProjectStore;
import org.pc2seg.project.Split;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** V moves the image on screen between training and validation, and the project keeps it. */
class ValidationSplitFxTest extends WorkspaceFxTestBase {
  @Start
  void start(Stage stage) throws Exception {
    startWindow(stage);
  }

  @Test
  void vMovesTheShownImageToValidationAndBack(FxRobot robot) throws Exception {
    ImageItem item = labeledTrainItem();
    robot.interact(() -> ws().show(item));
    waitShown(item);
    int valBefore = ws().project().labeledValItems().size();
    focusViewer(robot);

    robot.type(KeyCode.V);
    assertThat(item.split()).isEqualTo(Split.VAL);
    assertThat(ws().project().labeledValItems()).hasSize(valBefore + 1).contains(item);
    assertThat(ws().project().labeledTrainItems()).doesNotContain(item);
    assertThat(ws().messageProperty().get())
        .isEqualTo(
            item.fileName()
                + " is now a validation image: held out of training, it counts in the validation"
                + " mIoU ("
                + (valBefore + 1)
                + " labeled validation images).");
    assertThat(ProjectStore.open(projectDir).item(item.path()).orElseThrow().split())
        .as("saved in project.json")
        .isEqualTo(Split.VAL);

    javafx.scene.control.ChoiceBox<?> filter =
        robot.lookup("#status-filter").queryAs(javafx.scene.control.ChoiceBox.class);
    @SuppressWarnings("unchecked")
    javafx.scene.control.ChoiceBox<String> status = (javafx.scene.control.ChoiceBox<String>) filter;
    javafx.scene.control.ListView<ImageItem> list = robot.lookup("#image-list").queryListView();
    robot.interact(() -> status.setValue("validation"));
    assertThat(list.getItems())
        .hasSize((int) ws().items().stream().filter(i -> i.split() == Split.VAL).count())
        .hasSizeGreaterThan(valBefore)
        .contains(item)
        .allMatch(i -> i.split() == Split.VAL);
    robot.interact(() -> status.setValue("All"));
    focusViewer(robot);

    robot.type(KeyCode.V);
    assertThat(item.split()).isEqualTo(Split.TRAIN);
    assertThat(ws().messageProperty().get())
        .isEqualTo(item.fileName() + " is a training image again.");
    assertThat(ProjectStore.open(projectDir).item(item.path()).orElseThrow().split())
        .isEqualTo(Split.TRAIN);

    ImageItem pool = ws().project().unlabeledPool().get(0);
    robot.interact(() -> ws().show(pool));
    waitShown(pool);
    focusViewer(robot);
    robot.type(KeyCode.V);
    assertThat(ws().messageProperty().get())
        .contains("held out of training; paint its mask", "(" + valBefore + " labeled validation");
    assertThat(ws().project().unlabeledPool()).doesNotContain(pool);
    robot.type(KeyCode.V);
    assertThat(ws().project().unlabeledPool()).as("an unlabeled training image").contains(pool);
  }
}
