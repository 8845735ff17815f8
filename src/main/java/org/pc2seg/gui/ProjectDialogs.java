package org.pc2seg.gui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.scene.control.TextInputDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.pc2seg.project.ClassTable;
import org.pc2seg.project.LabelClass;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectImporter;
import org.pc2seg.project.Split;

/**
 * The project dialogs: new project from an image folder, open, import a VOC-style dataset. Creating
 * and importing run as background tasks; the result is opened through the callback.
 */
public final class ProjectDialogs {
  private final Window owner;
  private final BackgroundTasks tasks;
  private final Consumer<Path> open;

  public ProjectDialogs(Window owner, BackgroundTasks tasks, Consumer<Path> open) {
    this.owner = owner;
    this.tasks = tasks;
    this.open = open;
  }

  /** Open an existing project folder. */
  public void openProject() {
    Optional<Path> dir = chooseDir("Open project folder (holds project.json)");
    dir.ifPresent(open);
  }

  /** New project referencing every image of a folder. */
  public void newProject() {
    chooseDir("Folder of images").ifPresent(this::newProjectFrom);
  }

  /** New project referencing every image under {@code images}, in a folder the user picks. */
  public void newProjectFrom(Path images) {
    Optional<Path> dir = chooseDir("Empty folder for the new project");
    if (dir.isEmpty()) {
      return;
    }
    Optional<List<LabelClass>> classes = askClasses("background, foreground");
    if (classes.isEmpty()) {
      return;
    }
    String name = dir.get().getFileName().toString();
    run(
        "Creating project " + name,
        () -> ProjectImporter.fromFolder(images, dir.get(), name, classes.get(), Split.TRAIN));
  }

  /** Makes a project of the images under {@code dir}, beside them, after asking for the classes. */
  public void createInImageFolder(Path dir) {
    askClasses("background, foreground")
        .ifPresent(
            classes ->
                run(
                    "Creating project " + dir.getFileName(),
                    () -> ProjectImporter.inImageFolder(dir, classes)));
  }

  /** New project from a VOC-style images folder and index-mask folder. */
  public void importVoc() {
    Optional<Path> images = chooseDir("VOC images folder (e.g. JPEGImages)");
    Optional<Path> masks =
        images.isEmpty() ? Optional.empty() : chooseDir("VOC masks folder (SegmentationClass)");
    Optional<Path> dir = masks.isEmpty() ? Optional.empty() : chooseDir("Folder for the project");
    if (dir.isEmpty()) {
      return;
    }
    Optional<List<LabelClass>> classes = askClasses("background, foreground");
    if (classes.isEmpty()) {
      return;
    }
    String name = dir.get().getFileName().toString();
    run(
        "Importing " + images.get(),
        () ->
            ProjectImporter.importVoc(
                images.get(), masks.get(), dir.get(), name, classes.get(), Split.TRAIN));
  }

  /** Parses "a, b, c" into classes 0, 1, 2 with default colours. */
  public static List<LabelClass> parseClasses(String text) {
    List<LabelClass> out = new ArrayList<>();
    for (String s : text.split(",")) {
      if (!s.isBlank()) {
        out.add(new LabelClass(out.size(), s.trim(), ClassTable.defaultColor(out.size())));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("give at least one class name");
    }
    return out;
  }

  private Optional<List<LabelClass>> askClasses(String initial) {
    TextInputDialog d = new TextInputDialog(initial);
    d.initOwner(owner);
    d.getDialogPane().setId("class-names");
    d.setHeaderText("Class names, in mask-value order (0, 1, 2, …), comma-separated");
    return d.showAndWait()
        .flatMap(
            t -> {
              try {
                return Optional.of(parseClasses(t));
              } catch (IllegalArgumentException e) {
                error(e.getMessage());
                return Optional.empty();
              }
            });
  }

  private interface Work {
    Project call() throws Exception;
  }

  private void run(String title, Work work) {
    Task<Project> t =
        new Task<>() {
          @Override
          protected Project call() throws Exception {
            updateMessage(title + "…");
            updateProgress(-1, 1);
            return work.call();
          }
        };
    t.setOnSucceeded(e -> open.accept(t.getValue().root()));
    t.setOnFailed(e -> error(title + " failed: " + t.getException().getMessage()));
    tasks.submit(t);
  }

  private Optional<Path> chooseDir(String title) {
    DirectoryChooser c = new DirectoryChooser();
    c.setTitle(title);
    File f = c.showDialog(owner);
    return f == null || !Files.isDirectory(f.toPath()) ? Optional.empty() : Optional.of(f.toPath());
  }

  private void error(String text) {
    Alert a = new Alert(Alert.AlertType.ERROR, text);
    a.initOwner(owner);
    a.setHeaderText(null);
    a.show();
  }
}
