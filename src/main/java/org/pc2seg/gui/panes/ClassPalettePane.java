package org.pc2seg.gui.panes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.pc2seg.gui.Workspace;
import org.pc2seg.project.ClassTable;
import org.pc2seg.project.LabelClass;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;

/**
 * The class palette: pick the class to paint (also keys 1–9), add, rename, recolour and delete
 * classes. Deleting remaps the class's pixels in every mask to another class or to unlabeled
 * ({@link ClassTable#remove}), as a background task.
 */
public final class ClassPalettePane extends VBox {
  private final Workspace ws;
  private final ListView<LabelClass> list = new ListView<>();
  private final ColorPicker color = new ColorPicker();
  private boolean updating;

  public ClassPalettePane(Workspace ws) {
    this.ws = ws;
    setId("class-palette");
    setSpacing(4);
    setPadding(new Insets(4));
    list.setId("class-list");
    list.setPrefHeight(200);
    list.setCellFactory(v -> new ClassCell());
    Button add = new Button("Add");
    Button rename = new Button("Rename");
    Button delete = new Button("Delete");
    add.setOnAction(e -> add());
    rename.setOnAction(e -> rename());
    delete.setOnAction(e -> delete());
    delete.disableProperty().bind(ws.tasks().pendingTaskProperty().isNotNull());
    color.setOnAction(e -> recolor());
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, c) -> {
              if (c != null && !updating) {
                ws.selectedClassProperty().set(c.id());
                color.setValue(Color.web(c.color()));
              }
            });
    ws.selectedClassProperty().addListener((o, a, b) -> selectCurrent());
    ws.projectProperty().addListener((o, a, b) -> reload());
    ws.statusVersionProperty().addListener((o, a, b) -> reload());
    getChildren().addAll(new Label("Classes"), list, new HBox(4, add, rename, delete), color);
    reload();
  }

  /** Re-reads the class table. */
  public void reload() {
    Project p = ws.project();
    updating = true;
    list.getItems().setAll(p == null ? List.of() : p.classes());
    updating = false;
    selectCurrent();
  }

  private void selectCurrent() {
    for (LabelClass c : list.getItems()) {
      if (c.id() == ws.selectedClass()) {
        updating = true;
        list.getSelectionModel().select(c);
        updating = false;
        color.setValue(Color.web(c.color()));
      }
    }
  }

  private void add() {
    Project p = ws.project();
    if (p == null) {
      return;
    }
    TextInputDialog d = new TextInputDialog("class " + p.numClasses());
    d.setHeaderText("Name of the new class");
    d.showAndWait()
        .filter(s -> !s.isBlank())
        .ifPresent(
            name -> {
              LabelClass c = ClassTable.add(p, name.trim(), null);
              saveProject(p);
              ws.selectedClassProperty().set(c.id());
            });
  }

  private void rename() {
    LabelClass c = list.getSelectionModel().getSelectedItem();
    if (c == null) {
      return;
    }
    TextInputDialog d = new TextInputDialog(c.name());
    d.setHeaderText("New name of class " + c.id());
    d.showAndWait()
        .filter(s -> !s.isBlank())
        .ifPresent(
            name -> {
              ClassTable.rename(ws.project(), c.id(), name.trim());
              saveProject(ws.project());
            });
  }

  private void recolor() {
    LabelClass c = list.getSelectionModel().getSelectedItem();
    if (c == null || updating) {
      return;
    }
    Color v = color.getValue();
    String hex =
        String.format(
            Locale.ROOT,
            "#%02x%02x%02x",
            Math.round(v.getRed() * 255),
            Math.round(v.getGreen() * 255),
            Math.round(v.getBlue() * 255));
    if (!hex.equalsIgnoreCase(c.color())) {
      ClassTable.recolor(ws.project(), c.id(), hex);
      saveProject(ws.project());
    }
  }

  private void delete() {
    LabelClass c = list.getSelectionModel().getSelectedItem();
    Project p = ws.project();
    if (c == null || p == null || p.classes().size() < 2) {
      return;
    }
    List<String> choices = new ArrayList<>();
    choices.add("unlabeled (255)");
    for (LabelClass o : p.classes()) {
      if (o.id() != c.id()) {
        choices.add(o.id() + ": " + o.name());
      }
    }
    ChoiceDialog<String> d = new ChoiceDialog<>(choices.get(0), choices);
    d.setHeaderText("Delete class " + c.id() + " (" + c.name() + ")? Its pixels become:");
    Optional<String> pick = d.showAndWait();
    if (pick.isEmpty()) {
      return;
    }
    Optional<Integer> remap =
        pick.get().startsWith("unlabeled")
            ? Optional.empty()
            : Optional.of(Integer.parseInt(pick.get().substring(0, pick.get().indexOf(':'))));
    deleteClass(c, remap);
  }

  /**
   * Deletes a class in the background: unsaved masks are saved first, then every mask is rewritten
   * with the class's pixels set to {@code remap} (or 255), then the shown image is reloaded and all
   * undo histories are cleared (they refer to the old pixel values).
   */
  public Task<Void> deleteClass(LabelClass c, Optional<Integer> remap) {
    Project p = ws.project();
    ws.saveAllAndWait();
    Task<Void> task =
        new Task<>() {
          @Override
          protected Void call() throws Exception {
            updateMessage("Remapping class " + c.name() + " in every mask…");
            ClassTable.remove(p, c.id(), remap);
            ProjectStore.save(p);
            return null;
          }
        };
    task.setOnSucceeded(
        e -> {
          ws.messageProperty().set("Deleted class " + c.name() + "; undo history cleared.");
          if (ws.selectedClass() == c.id()) {
            ws.selectedClassProperty().set(p.classes().get(0).id());
          }
          ws.reloadAfterClassChange();
          reload();
        });
    task.setOnFailed(
        e -> ws.messageProperty().set("Cannot delete class: " + task.getException().getMessage()));
    ws.tasks().submit(task);
    return task;
  }

  private void saveProject(Project p) {
    try {
      ProjectStore.save(p);
    } catch (java.io.IOException e) {
      ws.messageProperty().set(e.getMessage());
    }
  }

  private final class ClassCell extends ListCell<LabelClass> {
    @Override
    protected void updateItem(LabelClass c, boolean empty) {
      super.updateItem(c, empty);
      if (empty || c == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      Rectangle swatch = new Rectangle(14, 14, Color.web(c.color()));
      swatch.setStroke(Color.GRAY);
      int index = ws.project() == null ? -1 : ws.project().classes().indexOf(c);
      String key = index >= 0 && index < 9 ? "[" + (index + 1) + "] " : "    ";
      setText(key + c.name() + "  (" + c.id() + ")");
      setGraphic(swatch);
    }
  }
}
