package org.pc2seg.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.pc2seg.io.FileTrees;
import org.pc2seg.project.ImageFolderSurvey;
import org.pc2seg.project.ImageItem;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opening a folder of images that has no project.json offers to make a project of them, beside the
 * images, and opens it.
 */
class NotAProjectFxTest extends WorkspaceFxTestBase {
  @Start
  void start(Stage stage) throws Exception {
    startWindow(stage);
  }

  /** Leaves only the sample's images/ folder: a plain folder of 120 images. */
  @Override
  void beforeOpen(Path dir) throws Exception {
    Files.delete(dir.resolve("project.json"));
    FileTrees.deleteTree(dir.resolve("masks"));
    FileTrees.deleteTree(dir.resolve("ground-truth"));
  }

  @Test
  void theDialogSaysWhatTheFolderHoldsAndMakesAProjectThere(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> robot.lookup("#not-a-project").tryQuery().isPresent());
    DialogPane pane = robot.lookup("#not-a-project").queryAs(DialogPane.class);
    assertThat(pane.getHeaderText()).isEqualTo(projectDir.getFileName() + " is not a project yet");
    assertThat(pane.getContentText())
        .startsWith("It holds 120 images: 120 in images/.")
        .contains("masks/, predictions/ and models/", "not changed");
    assertThat(ws().project()).isNull();

    robot.clickOn(robot.from(pane).lookup("Create project here…").queryButton());
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> robot.lookup("#class-names").tryQuery().isPresent());
    DialogPane classes = robot.lookup("#class-names").queryAs(DialogPane.class);
    robot.interact(
        () ->
            ((javafx.scene.control.TextField) classes.lookup(".text-field")).setText("sky, land"));
    robot.clickOn((Button) classes.lookupButton(javafx.scene.control.ButtonType.OK));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> ws().project() != null);

    assertThat(ws().project().root()).isEqualTo(projectDir);
    assertThat(ws().project().items()).hasSize(120);
    assertThat(ws().project().items())
        .extracting(ImageItem::path)
        .allMatch(p -> p.startsWith("images/"));
    assertThat(ws().project().classes()).extracting(c -> c.name()).containsExactly("sky", "land");
    assertThat(projectDir.resolve("project.json")).exists();
  }

  @Test
  void aFolderWithAMasksFolderOnlyOffersAnotherFolder(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> robot.lookup("#not-a-project").tryQuery().isPresent());
    robot.interact(
        () ->
            robot.lookup("#not-a-project").queryAs(DialogPane.class).getScene().getWindow().hide());
    Files.createDirectories(projectDir.resolve("masks"));
    ImageFolderSurvey s = ImageFolderSurvey.of(projectDir);
    assertThat(NotAProjectDialog.text(s))
        .contains("already has a folder named masks/", "another folder");

    robot.interact(() -> window.openProject(projectDir));
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> robot.lookup("#not-a-project").tryQuery().isPresent());
    DialogPane pane = robot.lookup("#not-a-project").queryAs(DialogPane.class);
    assertThat(pane.getButtonTypes())
        .containsExactly(
            NotAProjectDialog.CREATE_ELSEWHERE, javafx.scene.control.ButtonType.CANCEL);
    assertThat(pane.getContentText()).contains("masks/");
    robot.clickOn(robot.from(pane).lookup("Cancel").queryButton());
    assertThat(ws().project()).isNull();
    assertThat(projectDir.resolve("project.json")).doesNotExist();
  }
}
