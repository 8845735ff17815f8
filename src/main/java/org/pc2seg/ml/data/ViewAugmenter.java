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

  /** Makes the weak/strong pair of an image (mask may be null). */
  public ViewPair views(LabeledImage src, Random r) {
    int w = src.image().getWidth();
    int h = src.image().getHeight();
    Geometry g = drawGeometry(w, h, r);
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
    int w = m.width();
    int h = m.height();
    byte[] d = m.data();
    for (int y = 0; y < c; y++) {
      int sy = (int) Math.min(Math.max(Math.round(g.sourceY(y)), 0), h - 1);
      for (int x = 0; x < c; x++) {
        int o = y * c + x;
        if (pad[o]) {
          out[o] = (byte) IndexMask.IGNORE;
        } else {
          int sx = (int) Math.min(Math.max(Math.round(g.sourceX(x)), 0), w - 1);
          out[o] = d[sy * w + sx];
        }
      }
    }
  }
}
