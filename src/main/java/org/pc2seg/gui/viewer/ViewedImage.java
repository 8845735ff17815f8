package org.pc2seg.gui.viewer;

import java.awt.image.BufferedImage;
import org.pc2seg.edit.MaskEditSession;
import org.pc2seg.project.ImageItem;

/**
 * The image the viewer shows: the project item, its decoded RGB pixels and its mask edit session.
 *
 * @param item the project image
 * @param rgb decoded pixels ({@code TYPE_INT_RGB})
 * @param session the mask being edited; null when the mask is broken and the image read-only
 * @param problem why the image is read-only, or null
 */
public record ViewedImage(
    ImageItem item, BufferedImage rgb, MaskEditSession session, String problem) {
  public int width() {
    return rgb.getWidth();
  }

  public int height() {
    return rgb.getHeight();
  }

  public boolean editable() {
    return session != null;
  }
}
