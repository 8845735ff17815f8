package org.pc2seg.ml.infer;

import org.pc2seg.image.IndexMask;

/**
 * A dense prediction of one image.
 *
 * @param width image width
 * @param height image height
 * @param numClasses K
 * @param probabilities per-pixel class probabilities, K×H×W (channel-major)
 */
public record Prediction(int width, int height, int numClasses, float[] probabilities) {
  /** Probability of class {@code k} at pixel (x, y). */
  public float probability(int k, int x, int y) {
    return probabilities[(k * height + y) * width + x];
  }

  /** Most likely class per pixel, row-major. */
  public int[] classes() {
    int n = width * height;
    int[] out = new int[n];
    float[] best = new float[n];
    System.arraycopy(probabilities, 0, best, 0, n);
    for (int k = 1; k < numClasses; k++) {
      int o = k * n;
      for (int i = 0; i < n; i++) {
        float p = probabilities[o + i];
        if (p > best[i]) {
          best[i] = p;
          out[i] = k;
        }
      }
    }
    return out;
  }

  /** Max class probability per pixel, row-major. */
  public float[] confidence() {
    int n = width * height;
    float[] best = new float[n];
    System.arraycopy(probabilities, 0, best, 0, n);
    for (int k = 1; k < numClasses; k++) {
      int o = k * n;
      for (int i = 0; i < n; i++) {
        best[i] = Math.max(best[i], probabilities[o + i]);
      }
    }
    return best;
  }

  /** The class map as an index mask. */
  public IndexMask classMask() {
    int[] c = classes();
    byte[] d = new byte[c.length];
    for (int i = 0; i < c.length; i++) {
      d[i] = (byte) c[i];
    }
    return new IndexMask(width, height, d);
  }

  /** Confidence quantised to 0..255 as an index mask (for an 8-bit PNG). */
  public IndexMask confidenceMask() {
    float[] c = confidence();
    byte[] d = new byte[c.length];
    for (int i = 0; i < c.length; i++) {
      d[i] = (byte) Math.round(Math.max(0, Math.min(1, c[i])) * 255);
    }
    return new IndexMask(width, height, d);
  }
}
