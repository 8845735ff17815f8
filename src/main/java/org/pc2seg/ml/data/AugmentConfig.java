package org.pc2seg.ml.data;

/**
 * Augmentation settings. The weak view gets random scale, crop and flip; the strong view gets the
 * same geometry plus photometric changes, so pixel i of both views shows the same scene point.
 *
 * @param scaleMin smallest random scale (default 0.75)
 * @param scaleMax largest random scale (default 1.5)
 * @param flip random horizontal flip (default true)
 * @param jitterP probability of colour jitter on the strong view (default 0.8)
 * @param brightness brightness factor range ±b (default 0.4)
 * @param contrast contrast factor range ±c (default 0.4)
 * @param saturation saturation factor range ±s (default 0.4)
 * @param hue hue rotation range ±h turns (default 0.1)
 * @param grayP probability of grayscale on the strong view (default 0.2)
 * @param blurP probability of a Gaussian blur (sigma 0.1..2) on the strong view (default 0.5)
 * @param cutoutP probability of a cut-out rectangle on the strong view (default 0.5)
 */
public record AugmentConfig(
    double scaleMin,
    double scaleMax,
    boolean flip,
    double jitterP,
    double brightness,
    double contrast,
    double saturation,
    double hue,
    double grayP,
    double blurP,
    double cutoutP) {

  /** The documented defaults (close to the strong augmentation of FixMatch/PC²Seg setups). */
  public static AugmentConfig defaults() {
    return new AugmentConfig(0.75, 1.5, true, 0.8, 0.4, 0.4, 0.4, 0.1, 0.2, 0.5, 0.5);
  }

  /** Geometry only: the strong view equals the weak view. */
  public AugmentConfig withoutPhotometric() {
    return new AugmentConfig(scaleMin, scaleMax, flip, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** Validates the ranges. */
  public AugmentConfig {
    if (!(scaleMin > 0 && scaleMax >= scaleMin)) {
      throw new IllegalArgumentException(
          "augment scale range must satisfy 0 < min <= max, got " + scaleMin + ".." + scaleMax);
    }
  }
}
