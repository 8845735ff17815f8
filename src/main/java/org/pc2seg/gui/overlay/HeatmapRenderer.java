package org.pc2seg.gui.overlay;

import javafx.scene.image.WritableImage;

/**
 * Paints per-pixel values (e.g. the probability p_ij that pixel j is drawn as a negative for an
 * anchor i) through a {@link ColorMap}. Values are divided by a shared {@code vmax} so that several
 * images (the current one and a strip of others) use the same scale; pixels whose value is 0 are
 * transparent, so the image shows through where a pixel can never be drawn.
 */
public final class HeatmapRenderer {
  private HeatmapRenderer() {}

  /** Largest finite value of all arrays (0 if none is positive). */
  public static double max(double[]... values) {
    double m = 0;
    for (double[] v : values) {
      for (double x : v) {
        if (x > m && Double.isFinite(x)) {
          m = x;
        }
      }
    }
    return m;
  }

  /**
   * ARGB pixels of a heat-map.
   *
   * @param values one value per pixel, row-major
   * @param vmax value painted with the top colour (values above are clamped)
   * @param map colour map
   * @param opacity alpha of every non-zero pixel (0..1)
   */
  public static int[] argb(double[] values, double vmax, ColorMap map, double opacity) {
    int a = (int) Math.round(255 * Math.max(0, Math.min(1, opacity)));
    int[] out = new int[values.length];
    double scale = vmax > 0 ? 1.0 / vmax : 0;
    for (int i = 0; i < out.length; i++) {
      double v = values[i];
      if (v > 0) {
        out[i] = (a << 24) | map.rgb(v * scale);
      }
    }
    return out;
  }

  /** The heat-map as an image (needs the FX toolkit). */
  public static WritableImage render(
      double[] values, int width, int height, double vmax, ColorMap map, double opacity) {
    if (values.length != width * height) {
      throw new IllegalArgumentException(
          values.length + " values for a " + width + "x" + height + " heat-map");
    }
    return PredictionOverlayRenderer.toImage(argb(values, vmax, map, opacity), width, height);
  }

  /** ARGB pixels of a horizontal colour ramp, low values on the left. */
  public static int[] legendArgb(int width, int height, ColorMap map) {
    int[] out = new int[width * height];
    for (int x = 0; x < width; x++) {
      int c = 0xFF000000 | map.rgb(width == 1 ? 1 : x / (double) (width - 1));
      for (int y = 0; y < height; y++) {
        out[y * width + x] = c;
      }
    }
    return out;
  }
}
