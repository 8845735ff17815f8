package org.pc2seg.gui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
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
 * folders dropped on the window (a dropped project folder opens instead), and Image → Remove from
 * project… (Delete). New images join the unlabeled pool; their headers are read off the FX thread,
 * then project.json is saved and the listeners (predictions with the active model) hear of them.
 * Removing asks first and deletes no file: the image stays where it is and its mask stays in
 * masks/, so adding the image again brings its labels back.
 */
final class ProjectImages {
  static final String REMOVE_DIALOG_ID = "remove-image";

  private final Window owner;
  private final Workspace ws;
  private final ImageListPane list;
  private final Consumer<Path> open;
  private final List<Consumer<List<ImageItem>>> addedListeners = new CopyOnWriteArrayList<>();

  /** {@code open} opens a project folder (or offers to make one of a folder of images). */
  ProjectImages(Window owner, Workspace ws, ImageListPane list, Consumer<Path> open) {
    this.owner = owner;
    this.ws = ws;
    this.list = list;
    this.open = open;
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

  /** Lets files and folders be dropped anywhere on the window ({@link #dropped}). */
  void acceptDrops(Scene scene) {
    scene.addEventHandler(
        DragEvent.DRAG_OVER,
        e -> {
          if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            e.consume();
          }
        });
    scene.addEventHandler(
        DragEvent.DRAG_DROPPED,
        e -> {
          boolean files = e.getDragboard().hasFiles();
          if (files) {
            dropped(e.getDragboard().getFiles().stream().map(File::toPath).toList());
          }
          e.setDropCompleted(files);
          e.consume();
        });
  }

  /**
   * Files dropped on the window: one project folder opens that project; one folder with no project
   * open is opened too (a folder of images then offers to become a project); anything else is added
   * to the open project.
   */
  void dropped(List<Path> paths) {
    if (paths.size() == 1 && Files.isDirectory(paths.get(0))) {
      Path dir = paths.get(0);
      if (Files.isRegularFile(dir.resolve(Project.FILE)) || ws.project() == null) {
        open.accept(dir);
        return;
      }
    }
    add(paths);
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
        list.select(a.added().get(0));
      }
      for (Consumer<List<ImageItem>> l : addedListeners) {
        l.accept(a.added());
      }
    }
    ws.messageProperty().set(a.summary());
  }

  /**
   * Image → Remove from project…: asks, then takes the image on show, or the selected rows, out of
   * the project.
   */
  void removeTargets() {
    Project p = ws.project();
    List<ImageItem> items = list.targets();
    if (p == null || items.isEmpty()) {
      ws.messageProperty().set("Open an image to remove it from the project.");
      return;
    }
    ButtonType remove = new ButtonType("Remove", ButtonBar.ButtonData.OK_DONE);
    Alert a = new Alert(Alert.AlertType.CONFIRMATION, explain(items), remove, ButtonType.CANCEL);
    a.initOwner(owner);
    a.getDialogPane().setId(REMOVE_DIALOG_ID);
    a.setTitle("Remove images");
    a.setHeaderText("Remove " + describe(items) + " from the project?");
    a.getDialogPane().setMinWidth(460);
    if (a.showAndWait().orElse(ButtonType.CANCEL) == remove) {
      remove(p, items);
    }
  }

  private static String describe(List<ImageItem> items) {
    return items.size() == 1 ? items.get(0).fileName() : items.size() + " images";
  }

  static String explain(List<ImageItem> items) {
    long labeled = items.stream().filter(i -> i.status() == ImageStatus.LABELED).count();
    boolean one = items.size() == 1;
    String kept =
        "No file is deleted: "
            + (one ? "the image stays where it is" : "the images stay where they are");
    if (labeled == 0) {
      return kept + ". Add " + (one ? "it" : "them") + " again with File → Add images…";
    }
    String masks =
        one ? "its mask stays" : labeled + (labeled == 1 ? " mask stays" : " masks stay");
    return kept
        + ", and "
        + masks
        + " in the project's masks folder. Add "
        + (one ? "the image" : "the images")
        + " again (File → Add images…) to get "
        + (one ? "it" : "them")
        + " back with "
        + (one ? "its" : "their")
        + " labels.";
  }

  /**
   * Moves to an image that stays (saving the shown mask), then takes the images out and saves. No
   * file is deleted.
   */
  void remove(Project p, List<ImageItem> items) {
    ImageItem shown = ws.requestedItem();
    if (shown != null && items.contains(shown)) {
      list.selectOutside(items);
      ws.release(shown); // still on it: no other image in the list
    }
    ProjectImporter.removeImages(p, items);
    ws.saveProject();
    // after the list has dropped them (the project's change reaches it in a runLater)
    Platform.runLater(
        () -> {
          if (ws.requestedItem() != null) {
            list.listView().scrollTo(ws.requestedItem());
          }
        });
    ws.messageProperty()
        .set(
            "Removed "
                + describe(items)
                + " from the project ("
                + p.items().size()
                + " images left; no file deleted).");
  }
}
