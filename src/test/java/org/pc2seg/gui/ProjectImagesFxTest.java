package org.pc2seg.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.image.TestImages;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import org.pc2seg.project.Split;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Delete takes the image on screen out of the project after asking, keeping its files; adding it
 * again (with new images) brings it back with the labels painted before.
 */
class ProjectImagesFxTest extends WorkspaceFxTestBase {
  @Start
  void start(Stage stage) throws Exception {
    startWindow(stage);
  }

  @Test
  void deleteAsksThenRemovesTheShownImageAndAddingItAgainBringsItsLabelsBack(FxRobot robot)
      throws Exception {
    ImageItem item = labeledTrainItem();
    robot.interact(() -> ws().show(item));
    waitShown(item);
    int before = ws().items().size();
    focusViewer(robot);
    // a stroke not saved yet when Delete is pressed: it must reach the mask on disk
    robot.interact(() -> ws().selectedClassProperty().set(3));
    stroke(robot, 2, 2, 30, 2);
    Path mask = ws().project().maskFile(item);

    robot.type(KeyCode.DELETE);
    DialogPane ask = dialog(robot);
    assertThat(ask.getHeaderText()).isEqualTo("Remove " + item.fileName() + " from the project?");
    assertThat(ask.getContentText()).contains("No file is deleted", "its mask stays");
    robot.clickOn((Button) ask.lookupButton(javafx.scene.control.ButtonType.CANCEL));
    assertThat(ws().items()).as("cancel keeps it").hasSize(before).contains(item);

    robot.type(KeyCode.DELETE);
    ask = dialog(robot);
    robot.clickOn(robot.from(ask).lookup("Remove").queryButton());
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !ws().items().contains(item));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(ws().items()).hasSize(before - 1);
    assertThat(ws().requestedItem()).as("moved to a neighbour").isNotNull().isNotEqualTo(item);
    assertThat(robot.lookup("#image-list").queryListView().getItems()).doesNotContain(item);
    assertThat(ws().messageProperty().get())
        .isEqualTo(
            "Removed "
                + item.fileName()
                + " from the project ("
                + (before - 1)
                + " images left; no file deleted).");
    assertThat(ws().awaitSaves(10_000)).isTrue();
    assertThat(ProjectStore.open(projectDir).item(item.path())).as("saved").isEmpty();
    assertThat(ws().project().imageFile(item)).exists();
    IndexMask saved = MaskCodec.read(mask);
    assertThat(saved.get(16, 2)).as("the stroke painted just before").isEqualTo(3);

    Path incoming = tmp.resolve("incoming" + copies);
    TestImages.png(incoming.resolve("new-a.png"), 48, 40);
    TestImages.png(incoming.resolve("sub/new-b.png"), 48, 40);
    Files.writeString(incoming.resolve("notes.txt"), "not an image");
    robot.interact(
        () ->
            window.drop(
                List.of(incoming, incoming.resolve("notes.txt"), ws().project().imageFile(item))));
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ws().items().size() == before + 2);
    WaitForAsyncUtils.waitForFxEvents();

    Project p = ws().project();
    ImageItem back = p.item(item.path()).orElseThrow();
    assertThat(back.status()).isEqualTo(ImageStatus.LABELED);
    assertThat(back.split()).isEqualTo(Split.TRAIN);
    assertThat(ws().items()).contains(back);
    assertThat(ws().items().stream().filter(i -> i.fileName().startsWith("new-")))
        .hasSize(2)
        .allMatch(i -> i.split() == Split.UNLABELED && i.status() == ImageStatus.UNLABELED);
    assertThat(ws().messageProperty().get())
        .startsWith("Added 3 images (1 with a mask from before, as training images)")
        .contains("1 skipped: notes.txt: not an image file");
    Project reopened = ProjectStore.open(projectDir);
    assertThat(reopened.items()).hasSize(before + 2);
    assertThat(reopened.item(item.path()).orElseThrow().status()).isEqualTo(ImageStatus.LABELED);

    robot.interact(() -> ws().show(back));
    waitShown(back);
    assertThat(session().mask().get(16, 2)).as("its labels are back").isEqualTo(3);
  }

  @Test
  void rightClickingARowShowsItsImageAndOffersToRemoveIt(FxRobot robot) throws Exception {
    ImageItem target = item(2);
    javafx.scene.control.ListCell<?> cell =
        robot
            .lookup("#image-list .list-cell")
            .match((javafx.scene.control.ListCell<?> c) -> c.getItem() == target)
            .query();
    robot.rightClickOn(cell);
    waitShown(target);
    // headless Monocle sends no context-menu event for the right click: open the list's menu here
    javafx.scene.control.ContextMenu menu =
        robot.lookup("#image-list").queryListView().getContextMenu();
    robot.interact(() -> menu.show(cell, javafx.geometry.Side.BOTTOM, 0, 0));
    robot.clickOn("Remove from project…");
    DialogPane ask = dialog(robot);
    assertThat(ask.getHeaderText()).isEqualTo("Remove " + target.fileName() + " from the project?");
    robot.clickOn(robot.from(ask).lookup("Remove").queryButton());
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !ws().items().contains(target));
    assertThat(ws().project().items()).doesNotContain(target);
  }

  @Test
  void severalSelectedRowsMoveToValidationAndLeaveTogether(FxRobot robot) throws Exception {
    javafx.scene.control.ListView<ImageItem> list = robot.lookup("#image-list").queryListView();
    List<ImageItem> three = List.of(item(3), item(4), item(5));
    ImageItem next = item(6);
    int before = ws().items().size();
    robot.interact(
        () -> {
          list.getSelectionModel().clearSelection();
          list.getSelectionModel().selectIndices(3, 4, 5);
        });
    waitShown(item(5));
    focusViewer(robot);

    robot.type(KeyCode.V);
    assertThat(three).allMatch(i -> i.split() == Split.VAL);
    assertThat(ws().messageProperty().get())
        .startsWith("3 images are now validation images, held out of training");
    assertThat(ProjectStore.open(projectDir).itemsBySplit(Split.VAL))
        .extracting(ImageItem::path)
        .containsAll(three.stream().map(ImageItem::path).toList());

    robot.type(KeyCode.DELETE);
    DialogPane ask = dialog(robot);
    assertThat(ask.getHeaderText()).isEqualTo("Remove 3 images from the project?");
    assertThat(ask.getContentText()).contains("the images stay where they are");
    robot.clickOn(robot.from(ask).lookup("Remove").queryButton());
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ws().items().size() == before - 3);
    assertThat(ws().items()).doesNotContainAnyElementsOf(three);
    waitShown(next);
    assertThat(list.getSelectionModel().getSelectedItems()).containsExactly(next);
    assertThat(ws().messageProperty().get()).startsWith("Removed 3 images from the project");

    // the next image key selects one row again
    focusViewer(robot);
    robot.type(KeyCode.D);
    assertThat(list.getSelectionModel().getSelectedItems()).hasSize(1);
  }

  @Test
  void droppingAProjectFolderOpensThatProject(FxRobot robot) throws Exception {
    Path other = tmp.resolve("other" + copies);
    copyTree(projectDir, other);
    int before = ws().items().size();
    robot.interact(() -> window.drop(List.of(other)));
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ws().project().root().equals(other));
    assertThat(ws().items()).hasSize(before);
    assertThat(ProjectStore.open(projectDir).items())
        .as("nothing added to the first")
        .hasSize(before);
  }

  private static DialogPane dialog(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> robot.lookup("#" + ProjectImages.REMOVE_DIALOG_ID).tryQuery().isPresent());
    return robot.lookup("#" + ProjectImages.REMOVE_DIALOG_ID).queryAs(DialogPane.class);
  }
}
