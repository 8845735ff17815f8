package org.pc2seg.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Converts any decoded image to opaque 8-bit {@code TYPE_INT_RGB}, with rules a user can predict:
 *
 * <ul>
 *   <li>grayscale (1, 2, 4, 8 or 16 bits): the gray level is rescaled to 0..255 ({@code v * 255 /
 *       max}, rounded) and copied to R, G and B; no gamma or colour-space conversion is applied;
 *   <li>16-bit colour: each channel is rescaled to 0..255 the same way;
 *   <li>palette (indexed) images: each index is replaced by its palette colour;
 *   <li>alpha (an alpha channel or a transparent palette entry): the colour is composited over
 *       black, {@code c * alpha / maxAlpha} (rounded), which is what a model sees;
 *   <li>anything else (for example CMYK JPEG) goes through the image's own colour model to sRGB.
 * </ul>
 */
final class RgbConverter {
  private RgbConverter() {}

  static BufferedImage toRgb(BufferedImage src) {
    if (src.getType() == BufferedImage.TYPE_INT_RGB) {
      return src;
    }
    int w = src.getWidth();
    int h = src.getHeight();
    BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] dst = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
    ColorModel cm = src.getColorModel();
    Raster r = src.getRaster();
    if (cm instanceof IndexColorModel icm) {
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        r.getSamples(0, y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          dst[y * w + x] = overBlack(icm.getRGB(row[x]));
        }
      }
    } else if (cm instanceof ComponentColorModel
        && (isType(cm, ColorSpace.TYPE_GRAY) || isType(cm, ColorSpace.TYPE_RGB))) {
      convertComponents(cm, r, dst, w, h);
    } else {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          dst[y * w + x] = overBlack(src.getRGB(x, y));
        }
      }
    }
    return rgb;
  }

  private static void convertComponents(ColorModel cm, Raster r, int[] dst, int w, int h) {
    int colors = cm.getNumColorComponents();
    int bands = r.getNumBands();
    boolean alpha = cm.hasAlpha() && bands > colors;
    boolean premultiplied = cm.isAlphaPremultiplied();
    long[] max = new long[bands];
    for (int b = 0; b < bands; b++) {
      max[b] = (1L << r.getSampleModel().getSampleSize(b)) - 1;
    }
    int[] px = new int[w * bands];
    int[] c = new int[3];
    for (int y = 0; y < h; y++) {
      r.getPixels(0, y, w, 1, px);
      for (int x = 0; x < w; x++) {
        int o = x * bands;
        for (int k = 0; k < 3; k++) {
          int band = colors == 1 ? 0 : k;
          c[k] = scale(px[o + band] & 0xFFFFFFFFL, max[band]);
        }
        if (alpha && !premultiplied) {
          long a = px[o + colors] & 0xFFFFFFFFL;
          long am = max[colors];
          for (int k = 0; k < 3; k++) {
            c[k] = (int) ((c[k] * a + am / 2) / am);
          }
        }
        dst[y * w + x] = (c[0] << 16) | (c[1] << 8) | c[2];
      }
    }
  }

  private static int scale(long v, long max) {
    if (max == 255) {
      return (int) v;
    }
    return (int) Math.min(255, (v * 255 + max / 2) / max);
  }

  private static boolean isType(ColorModel cm, int type) {
    return cm.getColorSpace().getType() == type;
  }

  private static int overBlack(int argb) {
    int a = argb >>> 24;
    if (a == 255) {
      return argb & 0xFFFFFF;
    }
    int red = (((argb >> 16) & 255) * a + 127) / 255;
    int green = (((argb >> 8) & 255) * a + 127) / 255;
    int blue = ((argb & 255) * a + 127) / 255;
    return (red << 16) | (green << 8) | blue;
  }
}
