package org.pc2seg.gui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.pc2seg.project.ImageFolderSurvey;

/**
 * Opening a folder of images that is not a project yet: says what it holds and offers to make a
 * project of it, beside the images (when none of the project's folders is there yet) or in another
 * folder, as ilastik and QuPath users expect from "open a folder".
 */
final class NotAProjectDialog {
  static final ButtonType CREATE_HERE =
      new ButtonType("Create project here…", ButtonBar.ButtonData.OK_DONE);
  static final ButtonType CREATE_ELSEWHERE =
      new ButtonType("Create in another folder…", ButtonBar.ButtonData.OTHER);

  private NotAProjectDialog() {}

  /**
   * Shows the dialog (not modal); {@code here} or {@code elsewhere} runs with the folder when the
   * user picks that button.
   */
  static Alert show(
      Window owner, ImageFolderSurvey survey, Consumer<Path> here, Consumer<Path> elsewhere) {
    List<ButtonType> buttons = new ArrayList<>();
    if (survey.canCreateHere()) {
      buttons.add(CREATE_HERE);
    }
    buttons.add(CREATE_ELSEWHERE);
    buttons.add(ButtonType.CANCEL);
    Alert a =
        new Alert(Alert.AlertType.CONFIRMATION, text(survey), buttons.toArray(new ButtonType[0]));
    a.initOwner(owner);
    a.initModality(Modality.NONE);
    a.setHeaderText(survey.dir().getFileName() + " is not a project yet");
    a.getDialogPane().setId("not-a-project");
    a.getDialogPane().setMaxWidth(560);
    for (ButtonType b : buttons) { // the bar would cut the longer labels otherwise
      javafx.scene.Node button = a.getDialogPane().lookupButton(b);
      ButtonBar.setButtonUniformSize(button, false);
      ((javafx.scene.control.Button) button).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    a.setOnHidden(
        e -> {
          if (a.getResult() == CREATE_HERE) {
            here.accept(survey.dir());
          } else if (a.getResult() == CREATE_ELSEWHERE) {
            elsewhere.accept(survey.dir());
          }
        });
    a.show();
    return a;
  }

  static String text(ImageFolderSurvey s) {
    String holds = "It holds " + s.describe() + ". ";
    if (s.canCreateHere()) {
      return holds
          + "A project made here adds project.json and the folders masks/, predictions/ and"
          + " models/ beside the images; the images themselves are not changed.";
    }
    if (!s.taken().isEmpty()) {
      return holds
          + "It already has a folder named "
          + s.taken().get(0)
          + "/, which a project made here would write into, so make the project in another"
          + " folder: it refers to the images where they are.";
    }
    return holds
        + "It has too many files to look through them all; make the project in another folder"
        + " from the folder that holds the images.";
  }
}
