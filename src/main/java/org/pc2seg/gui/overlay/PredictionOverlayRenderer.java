package org.pc2seg.gui.overlay;

import java.util.List;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.pc2seg.project.LabelClass;

/**
 * Paints a {@link PredictionImage} as class colours whose opacity is scaled by the confidence;
 * pixels below the confidence threshold stay transparent. Pure functions: arrays in, pixels out.
 */
public final class PredictionOverlayRenderer {
  private PredictionOverlayRenderer() {}

  /** Colour table indexed by class id (0xRRGGBB; -1 where no class has the id). */
  public static int[] palette(List<LabelClass> classes) {
    int[] p = new int[256];
    java.util.Arrays.fill(p, -1);
    for (LabelClass c : classes) {
      p[c.id()] = c.rgb();
    }
    return p;
  }

  /**
   * ARGB pixels of the overlay.
   *
   * @param pred the prediction
   * @param palette colour per class id, from {@link #palette}
   * @param opacity alpha of a pixel with confidence 1 (0..1)
   * @param threshold pixels with a lower confidence are transparent (0..1)
   */
  public static int[] argb(PredictionImage pred, int[] palette, double opacity, double threshold) {
    byte[] cls = pred.classes();
    float[] conf = pred.confidence();
    int[] out = new int[cls.length];
    double op = Math.max(0, Math.min(1, opacity));
    for (int i = 0; i < out.length; i++) {
      int c = cls[i] & 0xFF;
      float f = conf[i];
      if (f < threshold || c >= palette.length || palette[c] < 0) {
        continue;
      }
      int a = (int) Math.round(255 * op * Math.max(0f, Math.min(1f, f)));
      out[i] = (a << 24) | (palette[c] & 0xFFFFFF);
    }
    return out;
  }

  /** The overlay as an image of the prediction's size (needs the FX toolkit). */
  public static WritableImage render(
      PredictionImage pred, int[] palette, double opacity, double threshold) {
    return toImage(argb(pred, palette, opacity, threshold), pred.width(), pred.height());
  }

  /** Wraps ARGB pixels into a new {@link WritableImage}. */
  public static WritableImage toImage(int[] argb, int width, int height) {
    WritableImage img = new WritableImage(width, height);
    img.getPixelWriter()
        .setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
    return img;
  }
}
