package org.pc2seg.sample;

import java.util.Random;

/**
 * Procedural textures for the sample generator. Each class is defined by its texture and shape, not
 * its colour: colours, lighting, scale and noise change from image to image, so a model must learn
 * appearance-invariant cues, which is where unlabeled images help.
 */
final class TexturePainter {
  private TexturePainter() {}

  /** Texture intensity in [0,1] for a class at a pixel. */
  static double texture(int cls, double x, double y, double scale, double phase, double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    double u = (x * c + y * s) / scale;
    double v = (-x * s + y * c) / scale;
    return switch (cls) {
      case 0 -> 0.5 + 0.25 * Math.sin(u * 0.35 + phase) * Math.cos(v * 0.27 - phase); // smooth
      case 1 -> 0.5 + 0.5 * Math.signum(Math.sin(u * 2 * Math.PI / 6.0 + phase)); // stripes
      case 2 -> ((Math.floor(u / 5.0) + Math.floor(v / 5.0)) % 2 == 0) ? 1.0 : 0.0; // checker
      default -> {
        double du = (u / 7.0) - Math.floor(u / 7.0) - 0.5;
        double dv = (v / 7.0) - Math.floor(v / 7.0) - 0.5;
        yield (du * du + dv * dv) < 0.09 ? 1.0 : 0.0; // dots
      }
    };
  }

  /** A random saturated colour as r,g,b in [0,1]. */
  static double[] randomColor(Random r) {
    float h = r.nextFloat();
    float s = 0.35f + 0.6f * r.nextFloat();
    float b = 0.45f + 0.55f * r.nextFloat();
    int rgb = java.awt.Color.HSBtoRGB(h, s, b);
    return new double[] {
      ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0
    };
  }
}
