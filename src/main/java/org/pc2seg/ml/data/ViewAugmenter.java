package org.pc2seg.ml.data;

import java.util.Random;
import org.pc2seg.image.IndexMask;

/**
 * Makes aligned weak/strong views. Both views are resampled from the source with one {@link
 * Geometry} (bilinear for images, nearest for masks), so pixel i of the weak view and pixel i of
 * the strong view are the same scene point; only the strong view then gets colour jitter,
 * grayscale, blur and cut-out (all per-pixel or local, so alignment is kept).
 *
 * <p>Images smaller than the crop (after scaling) are padded at right/bottom: padded image pixels
 * are 0 after normalisation (the mean colour) and padded mask pixels are 255 (ignored).
 */
public final class ViewAugmenter {
  private final AugmentConfig cfg;
  private final int crop;

  /**
   * @param cfg augmentation settings
   * @param crop output side length
   */
  public ViewAugmenter(AugmentConfig cfg, int crop) {
    if (crop < 16) {
      throw new IllegalArgumentException("crop must be at least 16 pixels, got " + crop);
    }
    this.cfg = cfg;
    this.crop = crop;
  }

  public int crop() {
    return crop;
  }

  /** Draws a geometry for a source of size w×h. */
  public Geometry drawGeometry(int w, int h, Random r) {
    double s = cfg.scaleMin() + (cfg.scaleMax() - cfg.scaleMin()) * r.nextDouble();
    int sw = (int) Math.round(w * s);
    int sh = (int) Math.round(h * s);
    int x0 = sw > crop ? r.nextInt(sw - crop + 1) : 0;
    int y0 = sh > crop ? r.nextInt(sh - crop + 1) : 0;
    boolean flip = cfg.flip() && r.nextBoolean();
    return new Geometry(s, x0, y0, flip, crop);
  }

  /**
   * Draws a geometry whose crop shows labeled pixels of {@code m}, for masks painted with a few
   * strokes on a large image, where most random crops would show none and teach nothing. The first
   * draw is {@link #drawGeometry}'s, so a crop of a fully labeled mask, which always shows labels,
   * is drawn exactly as before; otherwise up to {@link #LABEL_RETRIES} more draws, then a crop
   * around a random labeled pixel at the last draw's scale. A mask without labels keeps its last
   * draw.
   */
  public Geometry drawLabeledGeometry(IndexMask m, Random r) {
    int w = m.width();
    int h = m.height();
    Geometry g = drawGeometry(w, h, r);
    for (int t = 0; t < LABEL_RETRIES && !showsLabels(m, g); t++) {
      g = drawGeometry(w, h, r);
    }
    return showsLabels(m, g) ? g : aroundLabeledPixel(m, g, r);
  }

  /** Extra draws before a crop is centred on a labeled pixel. */
  static final int LABEL_RETRIES = 8;

  /** Whether the crop of {@code g} shows at least one labeled (not 255) pixel of {@code m}. */
  static boolean showsLabels(IndexMask m, Geometry g) {
    int c = g.crop();
    for (int y = 0; y < c; y++) {
      for (int x = 0; x < c; x++) {
        if (!g.padded(x, y, m.width(), m.height()) && maskValue(m, g, x, y) != IndexMask.IGNORE) {
          return true;
        }
      }
    }
    return false;
  }

  /** The mask value that output pixel (x, y) of {@code g} shows: its nearest source pixel. */
  private static int maskValue(IndexMask m, Geometry g, int x, int y) {
    int sy = (int) Math.min(Math.max(Math.round(g.sourceY(y)), 0), m.height() - 1);
    int sx = (int) Math.min(Math.max(Math.round(g.sourceX(x)), 0), m.width() - 1);
    return m.data()[sy * m.width() + sx] & 0xFF;
  }

  private static Geometry aroundLabeledPixel(IndexMask m, Geometry g, Random r) {
    byte[] d = m.data();
    int count = 0;
    for (byte b : d) {
      if ((b & 0xFF) != IndexMask.IGNORE) {
        count++;
      }
    }
    if (count == 0) {
      return g;
    }
    int k = r.nextInt(count);
    int idx = 0;
    for (; idx < d.length; idx++) {
      if ((d[idx] & 0xFF) != IndexMask.IGNORE && k-- == 0) {
        break;
      }
    }
    double s = g.scale();
    int c = g.crop();
    int sw = (int) Math.round(m.width() * s);
    int sh = (int) Math.round(m.height() * s);
    int px = (int) Math.min(sw - 1, Math.floor((idx % m.width() + 0.5) * s));
    int py = (int) Math.min(sh - 1, Math.floor((idx / m.width() + 0.5) * s));
    int x0 = Math.max(0, Math.min(Math.max(0, sw - c), px - r.nextInt(c)));
    int y0 = Math.max(0, Math.min(Math.max(0, sh - c), py - r.nextInt(c)));
    return new Geometry(s, x0, y0, g.flip(), c);
  }

  /** Makes the weak/strong pair of an image (mask may be null). */
  public ViewPair views(LabeledImage src, Random r) {
    int w = src.image().getWidth();
    int h = src.image().getHeight();
    Geometry g = src.mask() == null ? drawGeometry(w, h, r) : drawLabeledGeometry(src.mask(), r);
    float[] planes = ImageTensors.planes(src.image());
    int n = crop * crop;
    float[] weak = new float[3 * n];
    boolean[] pad = new boolean[n];
    byte[] mask = src.mask() == null ? null : new byte[n];
    resample(planes, w, h, g, weak, pad);
    if (mask != null) {
      resampleMask(src.mask(), g, mask, pad);
    }
    float[] strong = weak.clone();
    Photometric.apply(strong, crop, crop, cfg, r);
    ImageTensors.normalize(weak, n, pad);
    ImageTensors.normalize(strong, n, pad);
    return new ViewPair(weak, strong, mask, pad, g);
  }

  static void resample(float[] src, int w, int h, Geometry g, float[] out, boolean[] pad) {
    int c = g.crop();
    int sn = w * h;
    int n = c * c;
    for (int y = 0; y < c; y++) {
      double sy = Math.min(Math.max(g.sourceY(y), 0), h - 1);
      int y1 = (int) sy;
      int y2 = Math.min(y1 + 1, h - 1);
      double fy = sy - y1;
      for (int x = 0; x < c; x++) {
        int o = y * c + x;
        if (g.padded(x, y, w, h)) {
          pad[o] = true;
          continue;
        }
        double sx = Math.min(Math.max(g.sourceX(x), 0), w - 1);
        int x1 = (int) sx;
        int x2 = Math.min(x1 + 1, w - 1);
        double fx = sx - x1;
        for (int ch = 0; ch < 3; ch++) {
          int b = ch * sn;
          double top = src[b + y1 * w + x1] * (1 - fx) + src[b + y1 * w + x2] * fx;
          double bot = src[b + y2 * w + x1] * (1 - fx) + src[b + y2 * w + x2] * fx;
          out[ch * n + o] = (float) (top * (1 - fy) + bot * fy);
        }
      }
    }
  }

  static void resampleMask(IndexMask m, Geometry g, byte[] out, boolean[] pad) {
    int c = g.crop();
    for (int y = 0; y < c; y++) {
      for (int x = 0; x < c; x++) {
        int o = y * c + x;
        out[o] = (byte) (pad[o] ? IndexMask.IGNORE : maskValue(m, g, x, y));
      }
    }
  }
}
