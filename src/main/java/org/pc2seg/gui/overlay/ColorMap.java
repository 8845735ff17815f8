package org.pc2seg.gui.overlay;

/**
 * Perceptually ordered colour maps for heat-maps, piecewise linear through a few control points of
 * matplotlib's maps of the same names.
 */
public enum ColorMap {
  /** Black – purple – orange – pale yellow. */
  INFERNO(
      new int[] {
        0x000004, 0x1f0c48, 0x550f6d, 0x88226a, 0xba3655, 0xe35933, 0xf98e09, 0xf6d746, 0xfcffa4
      }),
  /** Purple – teal – yellow. */
  VIRIDIS(
      new int[] {
        0x440154, 0x472c7a, 0x3b518b, 0x2c718e, 0x21908d, 0x27ad81, 0x5cc863, 0xaadc32, 0xfde725
      });

  private final int[] stops;

  ColorMap(int[] stops) {
    this.stops = stops;
  }

  /** 0xRRGGBB for {@code t} in 0..1 (clamped; NaN gives the low end). */
  public int rgb(double t) {
    if (!(t > 0)) {
      return stops[0];
    }
    if (t >= 1) {
      return stops[stops.length - 1];
    }
    double x = t * (stops.length - 1);
    int i = (int) x;
    double f = x - i;
    int a = stops[i];
    int b = stops[i + 1];
    return (mix(a >> 16, b >> 16, f) << 16) | (mix(a >> 8, b >> 8, f) << 8) | mix(a, b, f);
  }

  private static int mix(int a, int b, double f) {
    int x = a & 0xFF;
    int y = b & 0xFF;
    return (int) Math.round(x + (y - x) * f);
  }
}
