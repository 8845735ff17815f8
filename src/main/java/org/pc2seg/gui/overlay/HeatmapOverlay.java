package org.pc2seg.gui.overlay;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.image.ImageView;
import javafx.scene.shape.Circle;
import org.pc2seg.gui.viewer.ViewedImage;
import org.pc2seg.gui.viewer.ViewerOverlay;

/**
 * Shows a heat-map over the viewed image (a coarse grid stretched to the image size) and marks the
 * anchor pixel. Cleared when the image changes.
 */
public final class HeatmapOverlay implements ViewerOverlay {
  private final Group root = new Group();
  private final ImageView view = new ImageView();
  private final Circle anchor = new Circle(3);
  private ViewedImage image;

  public HeatmapOverlay() {
    root.setId("heatmap-overlay");
    root.setMouseTransparent(true);
    view.setSmooth(false);
    anchor.setStyle("-fx-fill: transparent; -fx-stroke: #00e5ff; -fx-stroke-width: 1.5;");
    anchor.setVisible(false);
    root.getChildren().addAll(view, anchor);
  }

  @Override
  public Node node() {
    return root;
  }

  @Override
  public void imageChanged(ViewedImage img) {
    image = img;
    clear();
  }

  /** Shows ARGB heat pixels of a {@code gw}×{@code gh} grid over the whole image. */
  public void show(int[] argb, int gw, int gh, double anchorX, double anchorY) {
    if (image == null) {
      return;
    }
    view.setImage(PredictionOverlayRenderer.toImage(argb, gw, gh));
    view.setFitWidth(image.width());
    view.setFitHeight(image.height());
    anchor.setCenterX(anchorX + 0.5);
    anchor.setCenterY(anchorY + 0.5);
    anchor.setRadius(Math.max(3, image.width() / 80.0));
    anchor.setVisible(true);
  }

  public void clear() {
    view.setImage(null);
    anchor.setVisible(false);
  }

  /** Whether a heat-map is shown. */
  public boolean isShowing() {
    return view.getImage() != null;
  }
}
