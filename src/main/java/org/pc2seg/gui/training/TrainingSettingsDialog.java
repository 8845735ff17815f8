package org.pc2seg.gui.training;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import org.pc2seg.ml.model.Backbone;
import org.pc2seg.ml.sampling.SamplingScheme;

/**
 * Edits {@link TrainingSettings}. Two buttons fill in the CPU and GPU presets; OK stays refused
 * while a value is invalid, and the reason, naming the setting, is shown in red.
 */
public final class TrainingSettingsDialog extends Dialog<TrainingSettings> {
  private final ComboBox<String> method = new ComboBox<>();
  private final ComboBox<SamplingScheme> sampling = new ComboBox<>();
  private final TextField cutMix = field("cutmix");
  private final TextField steps = field("steps");
  private final TextField labeled = field("labeled-batch");
  private final TextField unlabeled = field("unlabeled-batch");
  private final TextField crop = field("crop");
  private final TextField maxSide = field("max-side");
  private final ComboBox<String> backbone = new ComboBox<>();
  private final TextField lr = field("learning-rate");
  private final TextField threads = field("threads");
  private final ComboBox<String> device = new ComboBox<>();
  private final TextField valEvery = field("validate-every");
  private final TextField ckptEvery = field("checkpoint-every");
  private final TextField seed = field("seed");
  private final Label error = new Label();
  private final Label samplingHint = new Label();

  public TrainingSettingsDialog(TrainingSettings initial) {
    setTitle("Training settings");
    setHeaderText("Training configuration for the next run");
    method.getItems().addAll("pc2seg", "supervised");
    sampling.getItems().addAll(SamplingScheme.values());
    device.getItems().addAll("auto", "cpu", "gpu");
    for (Backbone b : Backbone.values()) {
      backbone.getItems().add(b.cliName());
    }
    backbone.setId("backbone");
    maxSide.setTooltip(
        new javafx.scene.control.Tooltip(
            "Images with a longer side are shrunk to this size for training and prediction (the"
                + " predictions are scaled back up). Large photos train much faster and need far"
                + " less memory this way; 0 keeps full resolution."));
    backbone.setTooltip(
        new javafx.scene.control.Tooltip(
            "The encoder network. mobilenetv2 starts from ImageNet weights that come with the"
                + " app: far better masks from few labels, and it suits a CPU. The ResNets start"
                + " from random weights; resnet50 and resnet101 (the paper's) want a GPU."
                + " Fine-tuning rounds keep the active model's backbone."));
    cutMix.setTooltip(
        new javafx.scene.control.Tooltip(
            "How often an unlabeled image's strong view gets a rectangle of another unlabeled"
                + " image pasted in (CutMix), 0 to 1. With the ImageNet-pretrained encoder it"
                + " made PC²Seg clearly better than training on the labels alone; 0 turns it"
                + " off."));
    method.setId("method");
    sampling.setId("sampling");
    device.setId("device");
    error.setStyle("-fx-text-fill: #b00020;");
    error.setId("settings-error");
    error.setWrapText(true);
    samplingHint.setId("sampling-hint");
    samplingHint.setWrapText(true);
    samplingHint.setMaxWidth(360);
    samplingHint.setMinHeight(48); // three lines, whichever sampler: the dialog keeps its size
    samplingHint.setPrefHeight(48);
    samplingHint.setStyle("-fx-text-fill: #555555; -fx-font-size: 0.9em;");
    sampling
        .valueProperty()
        .addListener((o, a, v) -> samplingHint.setText(v == null ? "" : v.description()));
    method
        .valueProperty()
        .addListener(
            (o, a, v) -> {
              boolean supervised = "supervised".equals(v); // neither applies to it
              sampling.setDisable(supervised);
              cutMix.setDisable(supervised);
            });
    Button cpu = new Button("CPU preset");
    Button gpu = new Button("GPU preset");
    cpu.setId("cpu-preset");
    gpu.setId("gpu-preset");
    cpu.setOnAction(e -> fill(TrainingSettings.cpuPreset()));
    gpu.setOnAction(e -> fill(TrainingSettings.gpuPreset()));
    GridPane g = new GridPane();
    g.setHgap(8);
    g.setVgap(6);
    g.setPadding(new Insets(10));
    int r = 0;
    g.addRow(r++, new Label("Presets"), new HBox(6, cpu, gpu));
    g.addRow(r++, new Label("Method"), method);
    g.addRow(r++, new Label("Negative sampling"), sampling);
    g.add(samplingHint, 1, r++);
    g.addRow(r++, new Label("CutMix (probability)"), cutMix);
    g.addRow(r++, new Label("Steps"), steps);
    g.addRow(r++, new Label("Labeled images / step"), labeled);
    g.addRow(r++, new Label("Unlabeled images / step"), unlabeled);
    g.addRow(r++, new Label("Crop (px)"), crop);
    g.addRow(r++, new Label("Max. image side (px)"), maxSide);
    g.addRow(r++, new Label("Backbone"), backbone);
    g.addRow(r++, new Label("Learning rate"), lr);
    g.addRow(r++, new Label("Training threads"), threads);
    g.addRow(r++, new Label("Device"), device);
    g.addRow(r++, new Label("Validate every (steps)"), valEvery);
    g.addRow(r++, new Label("Checkpoint every (steps)"), ckptEvery);
    g.addRow(r++, new Label("Seed"), seed);
    g.add(error, 0, r, 2, 1);
    getDialogPane().setContent(g);
    getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    fill(initial);
    getDialogPane()
        .lookupButton(ButtonType.OK)
        .addEventFilter(
            javafx.event.ActionEvent.ACTION,
            e -> {
              List<String> p = problems();
              if (!p.isEmpty()) {
                error.setText(String.join("\n", p));
                e.consume();
              }
            });
    setResultConverter(b -> b == ButtonType.OK ? read() : null);
  }

  private static TextField field(String id) {
    TextField t = new TextField();
    t.setId(id);
    t.setPrefColumnCount(8);
    return t;
  }

  /** Shows the values of {@code s} in the form. */
  public void fill(TrainingSettings s) {
    method.setValue(s.method());
    sampling.setValue(s.sampling());
    cutMix.setText(String.valueOf(s.cutMix()));
    steps.setText(String.valueOf(s.steps()));
    labeled.setText(String.valueOf(s.labeledBatch()));
    unlabeled.setText(String.valueOf(s.unlabeledBatch()));
    crop.setText(String.valueOf(s.crop()));
    maxSide.setText(String.valueOf(s.maxSide()));
    backbone.setValue(s.backbone());
    lr.setText(String.valueOf(s.learningRate()));
    threads.setText(String.valueOf(s.threads()));
    device.setValue(s.device());
    valEvery.setText(String.valueOf(s.validateEvery()));
    ckptEvery.setText(String.valueOf(s.checkpointEvery()));
    seed.setText(String.valueOf(s.seed()));
    error.setText("");
  }

  /** What is wrong with the form, each message naming its setting; empty when valid. */
  public List<String> problems() {
    try {
      return read().problems();
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
  }

  /** The form's values (throws naming the field when one is not a number). */
  public TrainingSettings read() {
    return new TrainingSettings(
        method.getValue(),
        sampling.getValue(),
        number(cutMix, "CutMix probability"),
        integer(steps, "steps"),
        integer(labeled, "labeled batch"),
        integer(unlabeled, "unlabeled batch"),
        integer(crop, "crop"),
        integer(maxSide, "max. image side"),
        backbone.getValue(),
        number(lr, "learning rate"),
        integer(threads, "threads"),
        device.getValue(),
        integer(valEvery, "validate every"),
        integer(ckptEvery, "checkpoint every"),
        longValue(seed, "seed"));
  }

  private static int integer(TextField f, String name) {
    try {
      return Integer.parseInt(f.getText().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number, not '" + f.getText() + "'");
    }
  }

  private static long longValue(TextField f, String name) {
    try {
      return Long.parseLong(f.getText().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number, not '" + f.getText() + "'");
    }
  }

  private static double number(TextField f, String name) {
    try {
      return Double.parseDouble(f.getText().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, not '" + f.getText() + "'");
    }
  }
}
