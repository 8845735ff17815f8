package org.pc2seg.gui.viewer;

import java.util.List;
import javafx.scene.Group;
import javafx.scene.Node;
import org.pc2seg.edit.Rect;
import org.pc2seg.image.IndexMask;
import org.pc2seg.project.LabelClass;

/**
 * Draws the mask being edited in class colours (255 transparent). Repaints only the changed region
 * after each brush event; opacity and visibility are those of {@link #node()}.
 */
public final class MaskOverlay implements ViewerOverlay {
  private final Group root = new Group();
  private final int[] lut = new int[256];
  private ViewedImage image;
  private TiledLayer layer;

  public MaskOverlay() {
    root.setId("mask-overlay");
    root.setOpacity(0.5);
  }

  /** Sets the class colours (ids missing from the list draw as magenta, 255 as transparent). */
  public void setClasses(List<LabelClass> classes) {
    for (int i = 0; i < 255; i++) {
      lut[i] = 0xFFFF00FF;
    }
    lut[IndexMask.IGNORE] = 0;
    for (LabelClass c : classes) {
      lut[c.id()] = 0xFF000000 | c.rgb();
    }
    if (image != null && layer != null) {
      layer.repaint(new Rect(0, 0, image.width(), image.height()));
    }
  }

  @Override
  public Node node() {
    return root;
  }

  @Override
  public void imageChanged(ViewedImage img) {
    this.image = img;
    root.getChildren().clear();
    layer = null;
    if (img == null || img.session() == null) {
      return;
    }
    IndexMask m = img.session().mask();
    byte[] d = m.data();
    int w = m.width();
    layer =
        new TiledLayer(
            w,
            m.height(),
            256,
            (x, y, rw, rh, out) -> {
              for (int j = 0; j < rh; j++) {
                int src = (y + j) * w + x;
                int dst = j * rw;
                for (int i = 0; i < rw; i++) {
                  out[dst + i] = lut[d[src + i] & 0xFF];
                }
              }
            },
            img.session().mask().labeledPixels() > 0);
    root.getChildren().add(layer);
  }

  @Override
  public void repaint(Rect region) {
    if (layer != null) {
      layer.repaint(region);
    }
  }
}
