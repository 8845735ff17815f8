package org.pc2seg.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Builds image files for tests: every format, bit depth and kind of damage. */
public final class TestImages {
  private TestImages() {}

  /** A noisy RGB image (noise so that compressed files are not tiny). */
  public static BufferedImage noisyRgb(int w, int h, long seed) {
    Random r = new Random(seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    return img;
  }

  /** Writes an image with ImageIO in the given format ("png", "jpeg", "bmp", "gif", "tiff"). */
  public static Path write(BufferedImage img, String format, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (!ImageIO.write(img, format, file.toFile())) {
      throw new IOException("no writer for " + format);
    }
    return file;
  }

  /** A noisy RGB PNG. */
  public static Path png(Path file, int w, int h) throws IOException {
    return write(noisyRgb(w, h, file.hashCode()), "png", file);
  }

  /** Keeps only the first {@code fraction} of a file's bytes. */
  public static Path truncate(Path file, double fraction) throws IOException {
    byte[] b = Files.readAllBytes(file);
    byte[] cut = new byte[(int) (b.length * fraction)];
    System.arraycopy(b, 0, cut, 0, cut.length);
    Files.write(file, cut);
    return file;
  }

  /** Keeps only the first {@code n} bytes of a file. */
  public static Path keepBytes(Path file, int n) throws IOException {
    byte[] b = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(b, n));
    return file;
  }

  /**
   * A tiny (under 100 bytes) but well-formed PNG whose IHDR claims {@code w x h} 8-bit RGB pixels;
   * its only IDAT chunk is empty, so decoding it would allocate the full image and then fail.
   */
  public static Path pngHeaderClaiming(Path file, int w, int h) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(ihdr);
    d.writeInt(w);
    d.writeInt(h);
    d.writeByte(8); // bit depth
    d.writeByte(2); // colour type RGB
    d.writeByte(0); // compression
    d.writeByte(0); // filter
    d.writeByte(0); // interlace
    chunk(out, "IHDR", ihdr.toByteArray());
    chunk(out, "IDAT", new byte[0]);
    chunk(out, "IEND", new byte[0]);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
    out.writeInt(data.length);
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.write(t);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeInt((int) crc.getValue());
  }

  /** A 16-bit grayscale image filled with the given sample values, row-major. */
  public static BufferedImage gray16(int w, int h, int... values) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
    WritableRaster r = img.getRaster();
    for (int i = 0; i < w * h; i++) {
      r.setSample(i % w, i / w, 0, values[i % values.length]);
    }
    return img;
  }

  /** An 8-bit grayscale image filled with the given values, row-major. */
  public static BufferedImage gray8(int w, int h, int... values) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster r = img.getRaster();
    for (int i = 0; i < w * h; i++) {
      r.setSample(i % w, i / w, 0, values[i % values.length]);
    }
    return img;
  }

  /** A 16-bit-per-channel RGB image with every pixel set to (r, g, b). */
  public static BufferedImage rgb16(int w, int h, int red, int green, int blue) {
    ComponentColorModel cm =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false,
            false,
            Transparency.OPAQUE,
            DataBuffer.TYPE_USHORT);
    WritableRaster r = cm.createCompatibleWritableRaster(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        r.setPixel(x, y, new int[] {red, green, blue});
      }
    }
    return new BufferedImage(cm, r, false, null);
  }

  /** An 8-bit grayscale + alpha image with every pixel set to (gray, alpha). */
  public static BufferedImage grayAlpha(int w, int h, int gray, int alpha) {
    ComponentColorModel cm =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_GRAY),
            true,
            false,
            Transparency.TRANSLUCENT,
            DataBuffer.TYPE_BYTE);
    WritableRaster r = cm.createCompatibleWritableRaster(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        r.setPixel(x, y, new int[] {gray, alpha});
      }
    }
    return new BufferedImage(cm, r, false, null);
  }

  /** A palette image using the given ARGB palette; pixel i gets index i % palette length. */
  public static BufferedImage palette(int w, int h, int... argb) {
    IndexColorModel cm =
        new IndexColorModel(8, argb.length, argb, 0, true, -1, DataBuffer.TYPE_BYTE);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, cm);
    WritableRaster r = img.getRaster();
    for (int i = 0; i < w * h; i++) {
      r.setSample(i % w, i / w, 0, i % argb.length);
    }
    return img;
  }

  /** An index mask filled with one value. */
  public static IndexMask filledMask(int w, int h, int value) {
    byte[] d = new byte[w * h];
    java.util.Arrays.fill(d, (byte) value);
    return new IndexMask(w, h, d);
  }
}
