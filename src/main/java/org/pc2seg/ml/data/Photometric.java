package org.pc2seg.ml.data;

import java.util.Random;

/** Photometric changes for the strong view, on RGB planes in [0,1] (3×h×w), in place. */
final class Photometric {
  private Photometric() {}

  static void apply(float[] p, int w, int h, AugmentConfig c, Random r) {
    int n = w * h;
    if (r.nextDouble() < c.jitterP()) {
      jitter(p, n, c, r);
    }
    if (r.nextDouble() < c.grayP()) {
      gray(p, n);
    }
    if (r.nextDouble() < c.blurP()) {
      blur(p, w, h, 0.1 + 1.9 * r.nextDouble());
    }
    if (r.nextDouble() < c.cutoutP()) {
      cutout(p, w, h, r);
    }
  }

  private static double factor(Random r, double range) {
    return 1 + range * (2 * r.nextDouble() - 1);
  }

  static void jitter(float[] p, int n, AugmentConfig c, Random r) {
    double b = factor(r, c.brightness());
    double ct = factor(r, c.contrast());
    double s = factor(r, c.saturation());
    double hue = c.hue() * (2 * r.nextDouble() - 1) * 2 * Math.PI;
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += 0.299 * p[i] + 0.587 * p[n + i] + 0.114 * p[2 * n + i];
    }
    mean = mean * b / n;
    double cos = Math.cos(hue);
    double sin = Math.sin(hue);
    for (int i = 0; i < n; i++) {
      double rr = p[i] * b;
      double gg = p[n + i] * b;
      double bb = p[2 * n + i] * b;
      rr = (rr - mean) * ct + mean;
      gg = (gg - mean) * ct + mean;
      bb = (bb - mean) * ct + mean;
      // YIQ: saturation scales chroma, hue rotates it.
      double y = 0.299 * rr + 0.587 * gg + 0.114 * bb;
      double ii = 0.596 * rr - 0.274 * gg - 0.322 * bb;
      double q = 0.211 * rr - 0.523 * gg + 0.312 * bb;
      double i2 = s * (ii * cos - q * sin);
      double q2 = s * (ii * sin + q * cos);
      p[i] = clamp(y + 0.956 * i2 + 0.621 * q2);
      p[n + i] = clamp(y - 0.272 * i2 - 0.647 * q2);
      p[2 * n + i] = clamp(y - 1.106 * i2 + 1.703 * q2);
    }
  }

  static void gray(float[] p, int n) {
    for (int i = 0; i < n; i++) {
      float y = 0.299f * p[i] + 0.587f * p[n + i] + 0.114f * p[2 * n + i];
      p[i] = y;
      p[n + i] = y;
      p[2 * n + i] = y;
    }
  }

  static void blur(float[] p, int w, int h, double sigma) {
    int rad = Math.max(1, (int) Math.ceil(2 * sigma));
    float[] k = new float[2 * rad + 1];
    float sum = 0;
    for (int i = -rad; i <= rad; i++) {
      k[i + rad] = (float) Math.exp(-i * i / (2 * sigma * sigma));
      sum += k[i + rad];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= sum;
    }
    int n = w * h;
    float[] tmp = new float[n];
    for (int c = 0; c < 3; c++) {
      int o = c * n;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          float a = 0;
          for (int j = -rad; j <= rad; j++) {
            int xx = Math.min(Math.max(x + j, 0), w - 1);
            a += k[j + rad] * p[o + y * w + xx];
          }
          tmp[y * w + x] = a;
        }
      }
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          float a = 0;
          for (int j = -rad; j <= rad; j++) {
            int yy = Math.min(Math.max(y + j, 0), h - 1);
            a += k[j + rad] * tmp[yy * w + x];
          }
          p[o + y * w + x] = a;
        }
      }
    }
  }

  static void cutout(float[] p, int w, int h, Random r) {
    double area = (0.02 + 0.2 * r.nextDouble()) * w * h;
    double ratio = Math.exp((r.nextDouble() - 0.5) * Math.log(3.3 / 0.3));
    int cw = Math.min(w, (int) Math.round(Math.sqrt(area * ratio)));
    int ch = Math.min(h, (int) Math.round(Math.sqrt(area / ratio)));
    int x0 = r.nextInt(w - cw + 1);
    int y0 = r.nextInt(h - ch + 1);
    int n = w * h;
    for (int y = y0; y < y0 + ch; y++) {
      for (int x = x0; x < x0 + cw; x++) {
        for (int c = 0; c < 3; c++) {
          p[c * n + y * w + x] = ImageTensors.MEAN[c];
        }
      }
    }
  }

  private static float clamp(double v) {
    return (float) Math.max(0, Math.min(1, v));
  }
}
