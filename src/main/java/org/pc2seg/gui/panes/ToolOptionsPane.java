package org.pc2seg.gui.panes;

import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.pc2seg.gui.Workspace;
import org.pc2seg.gui.actions.StudioAction;
import org.pc2seg.gui.viewer.ViewerTool;

/** Tool buttons, brush size, overlay visibility and opacity. */
public final class ToolOptionsPane extends VBox {
  public ToolOptionsPane(Workspace ws, Map<ViewerTool, StudioAction> tools) {
    setId("tool-options");
    setSpacing(6);
    setPadding(new Insets(4));
    ToggleGroup group = new ToggleGroup();
    FlowPane buttons = new FlowPane(4, 4);
    for (Map.Entry<ViewerTool, StudioAction> e : tools.entrySet()) {
      ToggleButton b = new ToggleButton(e.getKey().name());
      b.setToggleGroup(group);
      b.setUserData(e.getKey());
      b.setTooltip(new Tooltip(e.getValue().tooltip()));
      b.setFocusTraversable(false);
      b.setId("toggle-" + e.getKey().name().toLowerCase(java.util.Locale.ROOT));
      b.setOnAction(x -> e.getValue().fire());
      buttons.getChildren().add(b);
    }
    ws.viewer()
        .toolProperty()
        .addListener(
            (o, a, t) -> group.getToggles().forEach(x -> x.setSelected(x.getUserData() == t)));
    group
        .getToggles()
        .forEach(x -> x.setSelected(x.getUserData() == ws.viewer().toolProperty().get()));

    Slider size = new Slider(1, 200, ws.brushSize());
    size.setId("brush-size");
    size.valueProperty().bindBidirectional(ws.brushSizeProperty());
    size.setFocusTraversable(false);
    Label sizeLabel = new Label();
    sizeLabel
        .textProperty()
        .bind(ws.brushSizeProperty().asString("Brush size: %.0f px   ( [ and ] )"));

    CheckBox overlay = new CheckBox("Show mask overlay (C)");
    overlay.selectedProperty().bindBidirectional(ws.overlayVisibleProperty());
    overlay.setFocusTraversable(false);
    Slider opacity = new Slider(0, 1, ws.overlayOpacityProperty().get());
    opacity.setId("overlay-opacity");
    opacity.valueProperty().bindBidirectional(ws.overlayOpacityProperty());
    opacity.setFocusTraversable(false);
    Label opacityLabel = new Label();
    opacityLabel
        .textProperty()
        .bind(ws.overlayOpacityProperty().multiply(100).asString("Overlay opacity: %.0f %%"));
    getChildren()
        .addAll(new Label("Tools"), buttons, sizeLabel, size, overlay, opacityLabel, opacity);
  }
}
