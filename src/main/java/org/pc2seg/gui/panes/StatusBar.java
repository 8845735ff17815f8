package org.pc2seg.gui.panes;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.pc2seg.gui.Workspace;
import org.pc2seg.gui.viewer.ViewedImage;
import org.pc2seg.project.LabelClass;

/**
 * The bottom bar: pixel coordinates, class under the cursor, zoom, the unsaved marker, messages and
 * the pending background task.
 */
public final class StatusBar extends HBox {
  private final Label position = new Label();
  private final Label unsaved = new Label();

  public StatusBar(Workspace ws) {
    setId("status-bar");
    setSpacing(14);
    setPadding(new Insets(3, 8, 3, 8));
    setStyle(
        "-fx-background-color: #e8e8e8; -fx-border-color: #c8c8c8 transparent transparent transparent;");
    position.setId("status-position");
    position.setMinWidth(260);
    Label zoom = new Label();
    zoom.setId("status-zoom");
    zoom.textProperty().bind(ws.viewer().zoomProperty().multiply(100).asString("Zoom %.0f %%"));
    zoom.setMinWidth(90);
    unsaved.setId("status-unsaved");
    unsaved
        .textProperty()
        .bind(Bindings.when(ws.unsavedProperty()).then("● unsaved").otherwise("saved"));
    unsaved
        .styleProperty()
        .bind(
            Bindings.when(ws.unsavedProperty())
                .then("-fx-text-fill: #c0392b;")
                .otherwise("-fx-text-fill: #2e8b57;"));
    unsaved.setMinWidth(70);
    Label message = new Label();
    message.setId("status-message");
    message.textProperty().bind(ws.messageProperty());
    message.setMaxWidth(Double.MAX_VALUE);
    // a long message (a file path, an error) is cut to the bar's width: hovering shows all of it
    javafx.scene.control.Tooltip full = new javafx.scene.control.Tooltip();
    full.textProperty().bind(ws.messageProperty());
    full.setWrapText(true);
    full.setMaxWidth(600);
    message.setTooltip(full);
    HBox.setHgrow(message, Priority.ALWAYS);
    ProgressBar progress = new ProgressBar();
    progress.setPrefWidth(120);
    Label task = new Label();
    ws.tasks()
        .pendingTaskProperty()
        .addListener(
            (o, a, t) -> {
              progress.setVisible(t != null);
              task.textProperty().unbind();
              progress.progressProperty().unbind();
              if (t != null) {
                task.textProperty().bind(t.messageProperty());
                progress.progressProperty().bind(t.progressProperty());
              } else {
                task.setText("");
              }
            });
    progress.setVisible(false);
    ws.viewer().mouseProperty().addListener((o, a, p) -> updatePosition(ws, p));
    ws.viewer()
        .addEventHandler(
            javafx.scene.input.MouseEvent.MOUSE_RELEASED,
            e -> updatePosition(ws, ws.viewer().mouseProperty().get()));
    Region pad = new Region();
    getChildren().addAll(position, zoom, unsaved, message, task, progress, pad);
  }

  private void updatePosition(Workspace ws, Point2D p) {
    ViewedImage img = ws.viewer().image();
    if (p == null || img == null) {
      position.setText("");
      return;
    }
    int x = (int) Math.floor(p.getX());
    int y = (int) Math.floor(p.getY());
    String cls = "";
    if (img.session() != null) {
      int v = img.session().mask().get(x, y);
      cls =
          v == 255
              ? "unlabeled"
              : ws.project().classById(v).map(LabelClass::name).orElse("class " + v);
    }
    position.setText(String.format(Locale.ROOT, "x %d  y %d   %s", x, y, cls));
  }
}
