package org.pc2seg.gui.training;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.pc2seg.gui.overlay.OverlayMode;

/**
 * The compact "Model" section of the right pane: train / stop / settings / auto-retrain, progress,
 * overlay mode, confidence threshold, accept prediction and the heat-map mode toggle with its pane.
 * Only controls: {@link TrainingFeature} gives them their behaviour.
 */
public final class ModelControls extends VBox {
  final Button train = new Button("Train");
  final Button stop = new Button("Stop");
  final Button settings = new Button("Settings…");
  final Button charts = new Button("Charts…");
  final ToggleButton autoRetrain = new ToggleButton("Auto-retrain");
  final ProgressBar progress = new ProgressBar(0);
  final Label status = new Label("No model yet");
  final ChoiceBox<OverlayMode> overlay = new ChoiceBox<>();
  final Slider confidence = new Slider(0, 1, 0.5);
  final Label confidenceValue = new Label();
  final Button accept = new Button("Accept prediction (Enter)");
  final ToggleButton heatmap = new ToggleButton("Heat-map mode (H)");
  final Label activeModel = new Label("Active model: none");

  public ModelControls(HeatmapPane heatmapPane) {
    setSpacing(5);
    setPadding(new Insets(4));
    setId("model-controls");
    train.setId("model-train");
    stop.setId("model-stop");
    autoRetrain.setId("model-auto-retrain");
    overlay.setId("overlay-mode");
    confidence.setId("confidence-threshold");
    accept.setId("accept-prediction");
    heatmap.setId("heatmap-mode");
    status.setId("model-status");
    train.setTooltip(new Tooltip("Train on saved masks and the unlabeled pool (Ctrl+T)"));
    autoRetrain.setTooltip(
        new Tooltip("After you save masks and pause, fine-tune the active model (a new run)"));
    overlay.getItems().addAll(OverlayMode.values());
    overlay.setValue(OverlayMode.BOTH);
    overlay.setTooltip(new Tooltip("What to draw over the image (O cycles)"));
    confidence.setTooltip(new Tooltip("Prediction pixels below this confidence are hidden"));
    confidenceValue
        .textProperty()
        .bind(
            confidence
                .valueProperty()
                .map(v -> String.format(Locale.ROOT, "≥ %.2f", v.doubleValue())));
    progress.setMaxWidth(Double.MAX_VALUE);
    confidence.setMaxWidth(Double.MAX_VALUE);
    status.setWrapText(true);
    activeModel.setWrapText(true);
    accept.setMaxWidth(Double.MAX_VALUE);
    heatmap.setMaxWidth(Double.MAX_VALUE);
    heatmapPane.visibleProperty().bind(heatmap.selectedProperty());
    heatmapPane.managedProperty().bind(heatmap.selectedProperty());
    FlowPane buttons = new FlowPane(4, 4, train, stop, settings, charts, autoRetrain);
    buttons.setPrefWrapLength(220);
    getChildren()
        .addAll(
            buttons,
            progress,
            status,
            activeModel,
            new HBox(6, new Label("Overlay"), overlay),
            new HBox(6, new Label("Min. confidence"), confidenceValue),
            confidence,
            accept,
            heatmap,
            heatmapPane);
  }

  public Button trainButton() {
    return train;
  }

  public Button stopButton() {
    return stop;
  }

  public ToggleButton autoRetrainToggle() {
    return autoRetrain;
  }

  public ChoiceBox<OverlayMode> overlayChoice() {
    return overlay;
  }

  public Slider confidenceSlider() {
    return confidence;
  }

  public Button acceptButton() {
    return accept;
  }

  public ToggleButton heatmapToggle() {
    return heatmap;
  }

  public Label statusLabel() {
    return status;
  }
}
