package org.pc2seg.ml.data;

/**
 * The shared geometric transform of a weak/strong view pair: the source image is scaled by {@code
 * scale}, padded at right/bottom to at least the crop size, cropped at ({@code x0}, {@code y0}) and
 * optionally mirrored.
 *
 * @param scale scale factor applied to the source image
 * @param x0 crop left in scaled coordinates
 * @param y0 crop top in scaled coordinates
 * @param flip whether the crop is mirrored horizontally
 * @param crop output side length
 */
public record Geometry(double scale, int x0, int y0, boolean flip, int crop) {
  /** Source x coordinate (continuous, pixel centres at .0) of output column {@code x}. */
  public double sourceX(int x) {
    int xx = flip ? crop - 1 - x : x;
    return (x0 + xx + 0.5) / scale - 0.5;
  }

  /** Source y coordinate of output row {@code y}. */
  public double sourceY(int y) {
    return (y0 + y + 0.5) / scale - 0.5;
  }

  /** Whether output pixel (x, y) falls in the padding (outside the scaled image). */
  public boolean padded(int x, int y, int srcW, int srcH) {
    int xx = flip ? crop - 1 - x : x;
    return x0 + xx >= Math.round(srcW * scale) || y0 + y >= Math.round(srcH * scale);
  }
}
