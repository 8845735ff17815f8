package org.pc2seg.gui.export;

import java.io.File;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import org.pc2seg.export.MaskExporter;
import org.pc2seg.project.Project;

/** File → Export: what, format, destination and overwrite; the export runs in the background. */
public final class ExportDialog extends Dialog<ExportRequest> {
  private final ChoiceBox<ExportRequest.What> what = new ChoiceBox<>();
  private final ChoiceBox<MaskExporter.Format> format = new ChoiceBox<>();
  private final TextField destination = new TextField();
  private final CheckBox overwrite = new CheckBox("Replace existing files");
  private final Label error = new Label();

  public ExportDialog(Project p) {
    setTitle("Export");
    setHeaderText("Export masks, predictions or the active model of " + p.name());
    what.getItems().addAll(ExportRequest.What.values());
    what.setValue(ExportRequest.What.MASKS);
    format.getItems().addAll(MaskExporter.Format.values());
    format.setValue(MaskExporter.Format.INDEX);
    format.disableProperty().bind(what.valueProperty().map(ExportRequest.What::isModel));
    destination.setText(p.root().resolve("export").toString());
    destination.setPrefColumnCount(28);
    Button browse = new Button("Browse…");
    browse.setOnAction(
        e -> {
          DirectoryChooser c = new DirectoryChooser();
          c.setInitialDirectory(p.root().toFile());
          File f = c.showDialog(getOwner());
          if (f != null) {
            destination.setText(f.toString());
          }
        });
    error.setStyle("-fx-text-fill: #b00020;");
    GridPane g = new GridPane();
    g.setHgap(8);
    g.setVgap(6);
    g.setPadding(new Insets(10));
    g.addRow(0, new Label("What"), what);
    g.addRow(1, new Label("Format"), format);
    g.addRow(2, new Label("Destination"), new HBox(4, destination, browse));
    g.addRow(3, new Label(""), overwrite);
    g.add(error, 0, 4, 2, 1);
    getDialogPane().setContent(g);
    getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    getDialogPane()
        .lookupButton(ButtonType.OK)
        .addEventFilter(
            javafx.event.ActionEvent.ACTION,
            e -> {
              if (destination.getText().isBlank()) {
                error.setText("Choose a destination.");
                e.consume();
              }
            });
    setResultConverter(
        b ->
            b == ButtonType.OK
                ? new ExportRequest(
                    what.getValue(),
                    format.getValue(),
                    Path.of(destination.getText().trim()),
                    overwrite.isSelected())
                : null);
  }
}
