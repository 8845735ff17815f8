package org.pc2seg.export;

import java.awt.image.IndexColorModel;
import java.util.List;
import org.pc2seg.project.LabelClass;

/**
 * Colour tables for exported masks. The Pascal VOC palette gives index {@code i} the colour built
 * by spreading the bits of {@code i} over R, G and B (index 0 black, 1 dark red, ..., 255 is (224,
 * 224, 192), VOC's "void" colour); tools that read VOC {@code SegmentationClass} PNGs expect it.
 * The class palette uses each class's own colour and the VOC colours elsewhere.
 */
public final class Palettes {
  private Palettes() {}

  /** The 256-entry VOC colour map as 0xRRGGBB values. */
  public static int[] voc() {
    int[] map = new int[256];
    for (int i = 0; i < 256; i++) {
      int r = 0;
      int g = 0;
      int b = 0;
      int c = i;
      for (int j = 0; j < 8; j++) {
        r |= ((c >> 0) & 1) << (7 - j);
        g |= ((c >> 1) & 1) << (7 - j);
        b |= ((c >> 2) & 1) << (7 - j);
        c >>= 3;
      }
      map[i] = (r << 16) | (g << 8) | b;
    }
    return map;
  }

  /** VOC colours with each class id replaced by the class's colour; 255 keeps VOC's void colour. */
  public static int[] classes(List<LabelClass> classes) {
    int[] map = voc();
    for (LabelClass c : classes) {
      map[c.id()] = c.rgb();
    }
    return map;
  }

  /** A 256-entry, 8-bit, opaque colour model for a palette PNG. */
  public static IndexColorModel colorModel(int[] rgb) {
    if (rgb.length != 256) {
      throw new IllegalArgumentException("a palette needs 256 entries, got " + rgb.length);
    }
    byte[] r = new byte[256];
    byte[] g = new byte[256];
    byte[] b = new byte[256];
    for (int i = 0; i < 256; i++) {
      r[i] = (byte) (rgb[i] >> 16);
      g[i] = (byte) (rgb[i] >> 8);
      b[i] = (byte) rgb[i];
    }
    return new IndexColorModel(8, 256, r, g, b);
  }

  /** Which colour table an index PNG carries. */
  public enum Kind {
    /** The Pascal VOC colour map (default; what VOC tools expect). */
    VOC,
    /** The project's class colours at the class ids, VOC colours elsewhere. */
    CLASSES;

    /** The table for a class list. */
    public int[] table(List<LabelClass> classes) {
      return this == VOC ? voc() : Palettes.classes(classes);
    }
  }
}
