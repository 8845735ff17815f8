package org.pc2seg.gui;

import java.nio.file.Path;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.pc2seg.AppVersion;

/**
 * Help → About: the version, what the app runs on and where it keeps its files, with a button that
 * copies those details for a bug report.
 */
final class AboutDialog {
  static final ButtonType COPY = new ButtonType("Copy details", ButtonBar.ButtonData.LEFT);

  private AboutDialog() {}

  /** The details: versions, the user data folder and the open project's folder (null: none). */
  static String details(Path dataDir, Path project) {
    return "PC²Seg Studio "
        + AppVersion.app()
        + "\n"
        + AppVersion.java()
        + ", JavaFX "
        + AppVersion.javafx()
        + "\nDJL "
        + AppVersion.djl()
        + ", PyTorch "
        + AppVersion.pytorch()
        + " (CPU libtorch bundled; a CUDA libtorch is used when PYTORCH_LIBRARY_PATH names one)"
        + "\nUser data: "
        + dataDir
        + "\nProject: "
        + (project == null ? "none" : project.toString())
        + "\nOS: "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " ("
        + System.getProperty("os.arch")
        + "), "
        + Runtime.getRuntime().availableProcessors()
        + " cores";
  }

  static Alert show(Window owner, Path dataDir, Path project) {
    String text = details(dataDir, project);
    Alert a = new Alert(Alert.AlertType.INFORMATION, "", COPY, ButtonType.CLOSE);
    a.initOwner(owner);
    a.initModality(Modality.NONE);
    a.setTitle("About PC²Seg Studio");
    a.setHeaderText(
        "PC²Seg Studio "
            + AppVersion.app()
            + "\nSemantic segmentation labeling with pixel contrastive-consistent"
            + "\nsemi-supervised learning (Zhong et al., ICCV 2021)");
    a.setContentText(text);
    a.getDialogPane().setId("about");
    a.setOnHidden(
        e -> {
          if (a.getResult() == COPY) {
            ClipboardContent c = new ClipboardContent();
            c.putString(text);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
          }
        });
    a.show();
    return a;
  }
}
