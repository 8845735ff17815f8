package org.pc2seg.gui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.pc2seg.gui.panes.ImageListPane;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.project.ImageAddition;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectImporter;

/**
 * The project's image list as a user grows or trims it: File → Add images… (Ctrl+I), files and
 * folders dropped on the window, and Image → Remove from project… (Delete). New images join the
 * unlabeled pool; their headers are read off the FX thread, then project.json is saved and the
 * listeners (predictions with the active model) hear of them. Removing asks first and deletes no
 * file: the image stays where it is and its mask stays in masks/, so adding the image again brings
 * its labels back.
 */
final class ProjectImages {
  static final String REMOVE_DIALOG_ID = "remove-image";

  private final Window owner;
  private final Workspace ws;
  private final ImageListPane list;
  private final List<Consumer<List<ImageItem>>> addedListeners = new CopyOnWriteArrayList<>();

  ProjectImages(Window owner, Workspace ws, ImageListPane list) {
    this.owner = owner;
    this.ws = ws;
    this.list = list;
  }

  /** Called on the FX thread with the images each addition brought in. */
  void onAdded(Consumer<List<ImageItem>> l) {
    addedListeners.add(l);
  }

  /** File → Add images…: a file chooser with several files selectable. */
  void chooseAndAdd() {
    if (ws.project() == null) {
      ws.messageProperty().set("Open a project before adding images to it.");
      return;
    }
    FileChooser c = new FileChooser();
    c.setTitle(
        "Add images to " + ws.project().name() + " (or drop files and folders on the window)");
    c.getExtensionFilters()
        .add(
            new FileChooser.ExtensionFilter(
                "Images", ImageLoader.EXTENSIONS.stream().map(e -> "*." + e).toList()));
    List<File> files = c.showOpenMultipleDialog(owner);
    if (files != null && !files.isEmpty()) {
      add(files.stream().map(File::toPath).toList());
    }
  }

  /** Lets image files and folders be dropped anywhere on the window to add them. */
  void acceptDrops(Scene scene) {
    scene.addEventHandler(
        DragEvent.DRAG_OVER,
        e -> {
          if (ws.project() != null && e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            e.consume();
          }
        });
    scene.addEventHandler(
        DragEvent.DRAG_DROPPED,
        e -> {
          boolean files = ws.project() != null && e.getDragboard().hasFiles();
          if (files) {
            add(e.getDragboard().getFiles().stream().map(File::toPath).toList());
          }
          e.setDropCompleted(files);
          e.consume();
        });
  }

  /** Adds image files and folders of images (recursively) to the open project. */
  void add(List<Path> filesOrFolders) {
    Project p = ws.project();
    if (p == null) {
      ws.messageProperty().set("Open a project before adding images to it.");
      return;
    }
    ws.messageProperty().set("Adding images to " + p.name() + "…");
    ws.tasks()
        .execute(
            () -> {
              try {
                ImageAddition a = ProjectImporter.addFiles(p, filesOrFolders);
                Platform.runLater(() -> added(p, a));
              } catch (IOException | RuntimeException e) {
                Platform.runLater(
                    () -> ws.messageProperty().set("Could not add the images: " + e.getMessage()));
              }
            });
  }

  private void added(Project p, ImageAddition a) {
    if (ws.project() != p) {
      return;
    }
    if (!a.added().isEmpty()) {
      ws.saveProject();
      if (ws.viewer().currentItem() == null && ws.requestedItem() == null) {
        list.listView().getSelectionModel().select(a.added().get(0));
      }
      for (Consumer<List<ImageItem>> l : addedListeners) {
        l.accept(a.added());
      }
    }
    ws.messageProperty().set(a.summary());
  }

  /** Image → Remove from project…: asks, then takes the image on screen out of the project. */
  void removeShown() {
    Project p = ws.project();
    ImageItem item = ws.requestedItem();
    if (p == null || item == null) {
      ws.messageProperty().set("Open an image to remove it from the project.");
      return;
    }
    ButtonType remove = new ButtonType("Remove", ButtonBar.ButtonData.OK_DONE);
    Alert a = new Alert(Alert.AlertType.CONFIRMATION, explain(item), remove, ButtonType.CANCEL);
    a.initOwner(owner);
    a.getDialogPane().setId(REMOVE_DIALOG_ID);
    a.setTitle("Remove image");
    a.setHeaderText("Remove " + item.fileName() + " from the project?");
    a.getDialogPane().setMinWidth(460);
    if (a.showAndWait().orElse(ButtonType.CANCEL) == remove) {
      remove(p, item);
    }
  }

  static String explain(ImageItem item) {
    String kept = "No file is deleted: the image stays where it is";
    if (item.status() == ImageStatus.LABELED) {
      return kept
          + ", and its mask stays in the project's masks folder. Add the image again"
          + " (File → Add images…) to get it back with its labels.";
    }
    return kept + ". Add it again with File → Add images….";
  }

  /** Moves to a neighbour first (saving the mask), then takes the image out and saves. */
  void remove(Project p, ImageItem item) {
    if (ws.requestedItem() == item) {
      list.step(1);
      if (ws.requestedItem() == item) {
        list.step(-1);
      }
      ws.release(item); // still on it: it was the only image in the list
    }
    try {
      ProjectImporter.removeImage(p, item, false);
    } catch (IOException e) {
      ws.messageProperty().set("Could not remove " + item.fileName() + ": " + e.getMessage());
      return;
    }
    ws.saveProject();
    // after the list has dropped the image (the project's change reaches it in a runLater)
    Platform.runLater(() -> list.listView().scrollTo(ws.requestedItem()));
    ws.messageProperty()
        .set(
            "Removed "
                + item.fileName()
                + " from the project ("
                + p.items().size()
                + " images left; no file deleted).");
  }
}
