package org.pc2seg.export;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;
import org.pc2seg.image.IndexMask;

/** Turns index masks into the exported PNG images. */
public final class MaskImages {
  private MaskImages() {}

  /**
   * An 8-bit palette image whose pixel values are the class ids (255 kept for unlabeled): the
   * Pascal VOC {@code SegmentationClass} layout.
   *
   * @param palette 256 colours as 0xRRGGBB (see {@link Palettes})
   */
  public static BufferedImage indexed(IndexMask mask, int[] palette) {
    BufferedImage img =
        new BufferedImage(
            mask.width(),
            mask.height(),
            BufferedImage.TYPE_BYTE_INDEXED,
            Palettes.colorModel(palette));
    byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    System.arraycopy(mask.data(), 0, dst, 0, dst.length);
    return img;
  }

  /**
   * A colour picture of the mask: each pixel the colour of its class, unlabeled pixels (255) fully
   * transparent.
   *
   * @param palette 256 colours as 0xRRGGBB
   */
  public static BufferedImage color(IndexMask mask, int[] palette) {
    int w = mask.width();
    int h = mask.height();
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    int[] row = new int[w];
    byte[] d = mask.data();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = d[y * w + x] & 0xFF;
        row[x] = v == IndexMask.IGNORE ? 0 : 0xFF000000 | palette[v];
      }
      img.setRGB(0, y, w, 1, row, 0, w);
    }
    return img;
  }

  /** Encodes an image as PNG. */
  public static void writePng(BufferedImage img, OutputStream out) throws IOException {
    if (!ImageIO.write(img, "png", out)) {
      throw new IOException("no PNG writer available");
    }
  }
}
