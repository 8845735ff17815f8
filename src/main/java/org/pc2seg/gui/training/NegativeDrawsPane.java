package org.pc2seg.gui.training;

import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import org.pc2seg.gui.overlay.ColorMap;
import org.pc2seg.gui.overlay.HeatmapLegend;
import org.pc2seg.gui.overlay.HeatmapRenderer;
import org.pc2seg.gui.overlay.PredictionOverlayRenderer;

/**
 * Where negatives were actually drawn for the shown image during recent training steps: its share
 * of all negatives and a count map over the training crop's projection grid.
 */
public final class NegativeDrawsPane extends VBox {
  private final Label text = new Label("No training steps recorded yet.");
  private final ImageView grid = new ImageView();
  private final HeatmapLegend legend = new HeatmapLegend(ColorMap.VIRIDIS, 160);

  public NegativeDrawsPane() {
    setSpacing(3);
    setId("negative-draws");
    text.setWrapText(true);
    text.setId("negative-draws-text");
    grid.setFitWidth(160);
    grid.setFitHeight(160);
    grid.setSmooth(false);
    legend.setScale("negatives drawn per cell (crop grid)", 0);
    getChildren().addAll(new Label("Negatives drawn in recent steps"), text, grid, legend);
  }

  /** Shows an image's share ({@code window} = steps aggregated). */
  public void show(String imageName, NegativeDrawStats.ImageShare s, int window) {
    if (s.steps() == 0) {
      text.setText(imageName + " was not in a training batch in the last " + window + " steps.");
      grid.setImage(null);
      legend.setScale("negatives drawn per cell (crop grid)", 0);
      return;
    }
    text.setText(
        String.format(
            Locale.ROOT,
            "%s: in %d of the last %d batches; %d of %d negatives drawn (%.1f %%).",
            imageName,
            s.steps(),
            window,
            s.negatives(),
            s.totalNegatives(),
            100 * s.fraction()));
    double max = HeatmapRenderer.max(s.counts());
    grid.setImage(
        PredictionOverlayRenderer.toImage(
            HeatmapRenderer.argb(s.counts(), max, ColorMap.VIRIDIS, 1.0),
            s.gridWidth(),
            s.gridHeight()));
    legend.setScale("negatives drawn per cell (crop grid)", max);
  }

  public Label textLabel() {
    return text;
  }
}
