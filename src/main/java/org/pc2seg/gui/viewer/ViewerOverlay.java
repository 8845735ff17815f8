package org.pc2seg.gui.viewer;

import javafx.scene.Node;
import org.pc2seg.edit.Rect;

/**
 * A layer drawn over the image, in image pixel coordinates (the viewer scales and pans it). Mask,
 * prediction and heat-map overlays each implement this and know nothing of one another.
 */
public interface ViewerOverlay {
  /** The node the viewer places over the image; one image pixel is one unit. */
  Node node();

  /** The viewer switched to another image (null: none). Rebuild the layer. */
  void imageChanged(ViewedImage image);

  /** Pixels in {@code region} changed; update just that part. */
  default void repaint(Rect region) {}
}
