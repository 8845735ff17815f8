package org.pc2seg.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Shrinks images and their masks to a working resolution: photos of several megapixels are trained
 * on and predicted at a long side of about a thousand pixels, as segmentation networks usually are.
 */
public final class Downscale {
  private Downscale() {}

  /**
   * {@code {w, h}} scaled so that the long side is at most {@code maxSide}, keeping the aspect
   * ratio; unchanged when it already is or when {@code maxSide <= 0}.
   */
  public static int[] fit(int w, int h, int maxSide) {
    int longSide = Math.max(w, h);
    if (maxSide <= 0 || longSide <= maxSide) {
      return new int[] {w, h};
    }
    double s = (double) maxSide / longSide;
    return new int[] {Math.max(1, (int) Math.round(w * s)), Math.max(1, (int) Math.round(h * s))};
  }

  /** {@code img} shrunk to a long side of at most {@code maxSide} ({@link #fit}), or itself. */
  public static BufferedImage toMaxSide(BufferedImage img, int maxSide) {
    int[] size = fit(img.getWidth(), img.getHeight(), maxSide);
    return image(img, size[0], size[1]);
  }

  /**
   * An RGB image resized to {@code w × h}: halved with bilinear filtering (which averages 2×2
   * pixels) while it is more than twice the target, then one bilinear step, so fine texture does
   * not alias as it would in a single large step.
   */
  public static BufferedImage image(BufferedImage src, int w, int h) {
    BufferedImage cur = src;
    while (cur.getWidth() >= 2 * w && cur.getHeight() >= 2 * h) {
      cur = draw(cur, Math.max(w, cur.getWidth() / 2), Math.max(h, cur.getHeight() / 2));
    }
    return cur.getWidth() == w && cur.getHeight() == h ? cur : draw(cur, w, h);
  }

  private static BufferedImage draw(BufferedImage src, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(src, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  /**
   * A mask resized to {@code w × h} by nearest neighbour: class ids are never blended, and
   * unlabeled pixels (255) stay unlabeled. Each target pixel takes the source pixel at its centre.
   */
  public static IndexMask mask(IndexMask m, int w, int h) {
    if (m.width() == w && m.height() == h) {
      return m;
    }
    byte[] src = m.data();
    byte[] out = new byte[w * h];
    int sw = m.width();
    for (int y = 0; y < h; y++) {
      int sy = Math.min(m.height() - 1, (int) ((y + 0.5) * m.height() / h));
      for (int x = 0; x < w; x++) {
        int sx = Math.min(sw - 1, (int) ((x + 0.5) * sw / w));
        out[y * w + x] = src[sy * sw + sx];
      }
    }
    return new IndexMask(w, h, out);
  }
}
