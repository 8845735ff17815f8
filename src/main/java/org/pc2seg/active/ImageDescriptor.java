package org.pc2seg.active;

import java.awt.image.BufferedImage;

/**
 * A cheap appearance descriptor for spotting near-duplicate images: the mean colour of each cell of
 * a 4 × 4 grid (48 values in 0..1), optionally followed by the predicted class fractions. Two
 * images with similar layout and colours get nearby descriptors; that is all the diversity step
 * needs.
 */
public final class ImageDescriptor {
  /** Grid cells per side. */
  public static final int GRID = 4;

  private ImageDescriptor() {}

  /** The 4 × 4 mean-colour descriptor of an RGB image. */
  public static float[] of(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    double[] sum = new double[GRID * GRID * 3];
    int[] count = new int[GRID * GRID];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, row, 0, w);
      int gy = Math.min(GRID - 1, y * GRID / h);
      for (int x = 0; x < w; x++) {
        int cell = gy * GRID + Math.min(GRID - 1, x * GRID / w);
        int rgb = row[x];
        sum[cell * 3] += (rgb >> 16) & 0xFF;
        sum[cell * 3 + 1] += (rgb >> 8) & 0xFF;
        sum[cell * 3 + 2] += rgb & 0xFF;
        count[cell]++;
      }
    }
    float[] d = new float[sum.length];
    for (int i = 0; i < d.length; i++) {
      int n = count[i / 3];
      d[i] = n == 0 ? 0 : (float) (sum[i] / n / 255.0);
    }
    return d;
  }

  /**
   * The same 4 × 4 mean descriptor from channel-major planes (any value range; normalised network
   * input works as well as 0..1 RGB, since only distances between images matter).
   */
  public static float[] ofPlanes(float[] chw, int width, int height) {
    int n = width * height;
    if (chw.length != 3 * n) {
      throw new IllegalArgumentException("expected 3 planes of " + width + "x" + height);
    }
    double[] sum = new double[GRID * GRID * 3];
    int[] count = new int[GRID * GRID];
    for (int y = 0; y < height; y++) {
      int gy = Math.min(GRID - 1, y * GRID / height);
      for (int x = 0; x < width; x++) {
        int cell = gy * GRID + Math.min(GRID - 1, x * GRID / width);
        for (int c = 0; c < 3; c++) {
          sum[cell * 3 + c] += chw[c * n + y * width + x];
        }
        count[cell]++;
      }
    }
    float[] d = new float[sum.length];
    for (int i = 0; i < d.length; i++) {
      int k = count[i / 3];
      d[i] = k == 0 ? 0 : (float) (sum[i] / k);
    }
    return d;
  }

  /** The descriptor followed by the fraction of pixels predicted as each class. */
  public static float[] withClassFractions(float[] base, ProbabilityMap p) {
    float[] d = java.util.Arrays.copyOf(base, base.length + p.classes());
    int n = p.pixels();
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 1; c < p.classes(); c++) {
        if (p.get(c, i) > p.get(best, i)) {
          best = c;
        }
      }
      d[base.length + best] += 1f / n;
    }
    return d;
  }
}
