package org.pc2seg.gui;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Says why a project did not open, in a dialog rather than only the status bar; when the folder
 * keeps the previous project.json, offers to go back to it (the damaged file is kept).
 */
final class OpenFailureDialog {
  static final ButtonType RESTORE =
      new ButtonType("Restore previous version", ButtonBar.ButtonData.OK_DONE);

  private OpenFailureDialog() {}

  /**
   * Shows the dialog (not modal); {@code restore} runs with the project folder when the user asks
   * for the previous version, which is only offered when {@code backup} is true.
   */
  static Alert show(Window owner, Path dir, String why, boolean backup, Consumer<Path> restore) {
    Alert a =
        new Alert(
            Alert.AlertType.ERROR,
            why
                + (backup
                    ? "\n\nThe folder keeps the version saved before the last save. Restoring it"
                        + " keeps the damaged file as project.json.damaged."
                    : ""),
            backup
                ? new ButtonType[] {RESTORE, ButtonType.CANCEL}
                : new ButtonType[] {ButtonType.OK});
    a.initOwner(owner);
    a.initModality(Modality.NONE);
    a.setHeaderText("Cannot open project " + dir.getFileName());
    a.getDialogPane().setId("open-failure");
    a.setOnHidden(
        e -> {
          if (a.getResult() == RESTORE) {
            restore.accept(dir);
          }
        });
    a.show();
    return a;
  }
}
