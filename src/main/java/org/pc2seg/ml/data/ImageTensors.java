package org.pc2seg.ml.data;

import java.awt.image.BufferedImage;

/** Converts images to the network's input layout: float CHW, ImageNet mean/std normalised. */
public final class ImageTensors {
  /** ImageNet channel means (RGB, 0..1). */
  public static final float[] MEAN = {0.485f, 0.456f, 0.406f};

  /** ImageNet channel standard deviations. */
  public static final float[] STD = {0.229f, 0.224f, 0.225f};

  private ImageTensors() {}

  /** RGB planes in [0,1] (3×H×W) of an image. */
  public static float[] planes(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    int n = w * h;
    float[] out = new float[3 * n];
    for (int i = 0; i < n; i++) {
      int p = rgb[i];
      out[i] = ((p >> 16) & 255) / 255f;
      out[n + i] = ((p >> 8) & 255) / 255f;
      out[2 * n + i] = (p & 255) / 255f;
    }
    return out;
  }

  /** Normalises RGB planes in [0,1] in place; pixels with {@code pad[i]} set become 0. */
  public static void normalize(float[] planes, int n, boolean[] pad) {
    for (int c = 0; c < 3; c++) {
      float m = MEAN[c];
      float s = STD[c];
      int o = c * n;
      for (int i = 0; i < n; i++) {
        planes[o + i] = pad != null && pad[i] ? 0f : (planes[o + i] - m) / s;
      }
    }
  }

  /** A whole image as a normalised CHW array. */
  public static float[] normalized(BufferedImage img) {
    float[] p = planes(img);
    normalize(p, img.getWidth() * img.getHeight(), null);
    return p;
  }
}
