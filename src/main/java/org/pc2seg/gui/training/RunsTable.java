package org.pc2seg.gui.training;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The list of training runs with their metrics; the active model's row is marked. */
public final class RunsTable extends TableView<RunSummary> {
  private final ObjectProperty<Path> activeRun = new SimpleObjectProperty<>(this, "activeRun");

  public RunsTable() {
    TableColumn<RunSummary, String> active = new TableColumn<>("");
    active.setCellValueFactory(
        c ->
            new SimpleStringProperty(
                RunSummary.sameDir(c.getValue().dir(), activeRun.get()) ? "●" : ""));
    active.setPrefWidth(24);
    TableColumn<RunSummary, String> name = new TableColumn<>("Run");
    name.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().name()));
    TableColumn<RunSummary, String> steps = new TableColumn<>("Steps");
    steps.setCellValueFactory(c -> new SimpleStringProperty(String.valueOf(c.getValue().steps())));
    TableColumn<RunSummary, String> miou = new TableColumn<>("mIoU");
    miou.setCellValueFactory(
        c -> new SimpleStringProperty(RunSummary.formatMiou(c.getValue().miou())));
    TableColumn<RunSummary, String> method = new TableColumn<>("Method");
    method.setCellValueFactory(
        c ->
            new SimpleStringProperty(
                c.getValue().method()
                    + (c.getValue().sampling().isEmpty() ? "" : " / " + c.getValue().sampling())));
    active.setMinWidth(24);
    active.setMaxWidth(24);
    active.setResizable(false);
    name.setPrefWidth(210);
    steps.setPrefWidth(60);
    miou.setPrefWidth(70);
    method.setPrefWidth(230);
    getColumns().addAll(List.of(active, name, steps, miou, method));
    // the columns share the table's width: names and methods are not cut off beside empty space
    setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    setPlaceholder(new javafx.scene.control.Label("No runs yet — press Train (Ctrl+T)"));
    setPrefHeight(150);
    activeRun.addListener((o, a, b) -> refresh());
  }

  /** The active model's run folder; its row shows a dot. */
  public ObjectProperty<Path> activeRunProperty() {
    return activeRun;
  }

  /**
   * Replaces the rows, newest first as given, with none selected: left alone, the table would
   * select the old selection's row again, which reads as if the user had picked it.
   */
  public void setRuns(List<RunSummary> runs) {
    getSelectionModel().clearSelection();
    getItems().setAll(runs);
  }
}
