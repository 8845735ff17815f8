package org.pc2seg.gui.overlay;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** A colour legend for a heat-map: title, colour ramp, and the values at both ends. */
public final class HeatmapLegend extends VBox {
  private final Label title = new Label();
  private final Label low = new Label("0");
  private final Label high = new Label();
  private final ImageView ramp = new ImageView();

  public HeatmapLegend(ColorMap map, int rampWidth) {
    setSpacing(2);
    setPadding(new Insets(4));
    setAlignment(Pos.CENTER_LEFT);
    ramp.setImage(
        PredictionOverlayRenderer.toImage(
            HeatmapRenderer.legendArgb(rampWidth, 12, map), rampWidth, 12));
    HBox ends = new HBox(low, new javafx.scene.layout.Region(), high);
    HBox.setHgrow(ends.getChildren().get(1), javafx.scene.layout.Priority.ALWAYS);
    ends.setMaxWidth(rampWidth);
    ends.setPrefWidth(rampWidth);
    getChildren().addAll(title, ramp, ends);
    getStyleClass().add("heatmap-legend");
    setMaxWidth(USE_PREF_SIZE);
    setMaxHeight(USE_PREF_SIZE);
    setStyle("-fx-background-color: rgba(255,255,255,0.85); -fx-background-radius: 4;");
  }

  /** Sets the caption and the value painted with the top colour. */
  public void setScale(String caption, double vmax) {
    title.setText(caption);
    high.setText(format(vmax));
  }

  /** The text shown at the top end of the ramp. */
  public String highText() {
    return high.getText();
  }

  static String format(double v) {
    if (v == 0) {
      return "0";
    }
    return Math.abs(v) < 1e-3
        ? String.format(Locale.ROOT, "%.2e", v)
        : String.format(Locale.ROOT, "%.4f", v);
  }
}
