package org.pc2seg.active;

/**
 * Per-pixel class probabilities of one image, channel-major: {@code data[c * width * height + y *
 * width + x]}. Plain floats, so ranking needs no DJL; {@code ml.infer} converts its output into
 * this.
 *
 * @param classes number of classes K
 * @param width image width
 * @param height image height
 * @param data K × H × W probabilities (each pixel's K values sum to 1)
 */
public record ProbabilityMap(int classes, int width, int height, float[] data) {
  public ProbabilityMap {
    if (classes < 2) {
      throw new IllegalArgumentException("need at least 2 classes, got " + classes);
    }
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
    }
    if (data.length != (long) classes * width * height) {
      throw new IllegalArgumentException(
          "probability data has "
              + data.length
              + " values, expected "
              + classes
              + "x"
              + height
              + "x"
              + width);
    }
  }

  /** Number of pixels. */
  public int pixels() {
    return width * height;
  }

  /** Probability of class {@code c} at pixel index {@code i} ({@code y * width + x}). */
  public float get(int c, int i) {
    return data[c * width * height + i];
  }

  /**
   * Softmax of channel-major logits, computed per pixel in double precision.
   *
   * @param logits K × H × W raw scores
   */
  public static ProbabilityMap softmax(int classes, int width, int height, float[] logits) {
    int n = width * height;
    float[] p = new float[logits.length];
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, logits[c * n + i]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(logits[c * n + i] - max);
      }
      for (int c = 0; c < classes; c++) {
        p[c * n + i] = (float) (Math.exp(logits[c * n + i] - max) / sum);
      }
    }
    return new ProbabilityMap(classes, width, height, p);
  }
}
