package org.pc2seg.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A project whose project.json is damaged does not open; a dialog says why and, since the folder
 * keeps the previous version, puts it back on request.
 */
class OpenFailureFxTest extends WorkspaceFxTestBase {
  @Start
  void start(Stage stage) throws Exception {
    startWindow(stage);
  }

  @Override
  void beforeOpen(Path dir) throws Exception {
    Path json = dir.resolve("project.json");
    Files.copy(json, dir.resolve("project.json.bak"));
    Files.writeString(json, Files.readString(json).substring(0, 300)); // cut off mid-write
  }

  @Test
  void theDialogNamesTheProblemAndRestoresThePreviousVersion(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> robot.lookup("#open-failure").tryQuery().isPresent());
    DialogPane pane = robot.lookup("#open-failure").queryAs(DialogPane.class);
    assertThat(pane.getContentText()).contains("malformed JSON", "project.json.damaged");
    assertThat(ws().project()).isNull();
    javafx.scene.control.Label status =
        robot.lookup("#status-message").queryAs(javafx.scene.control.Label.class);
    assertThat(status.getTooltip().getText()) // the bar cuts it; hovering shows all of it
        .isEqualTo(ws().messageProperty().get())
        .contains("malformed JSON", "project.json.bak");

    Button restore = robot.from(pane).lookup("Restore previous version").queryButton();
    robot.clickOn(restore);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> ws().project() != null);

    assertThat(ws().project().items()).hasSize(120);
    assertThat(projectDir.resolve("project.json.damaged")).exists();
    assertThat(ws().messageProperty().get()).contains("Restored the previous project.json");
  }
}
