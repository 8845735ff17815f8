package org.pc2seg.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.pc2seg.io.AtomicFiles;

/**
 * Reads and writes index masks as 8-bit single-channel PNG. Reading accepts 8-bit grayscale and
 * 8-bit palette PNGs (the palette index is the class id, as in Pascal VOC); anything else is an
 * error naming the file.
 */
public final class MaskCodec {
  private MaskCodec() {}

  public static IndexMask read(Path file) throws IOException {
    BufferedImage img = ImageLoader.readRaw(file, ImageReadOptions.defaults());
    Raster r = img.getRaster();
    boolean gray8 = img.getType() == BufferedImage.TYPE_BYTE_GRAY;
    boolean palette8 =
        img.getColorModel() instanceof IndexColorModel && r.getSampleModel().getSampleSize(0) <= 8;
    if (!(gray8 || palette8) || r.getNumBands() != 1) {
      throw new ImageFormatException(
          file,
          "mask must be an 8-bit single-channel (grayscale or palette) PNG, found "
              + r.getNumBands()
              + " band(s) of "
              + r.getSampleModel().getSampleSize(0)
              + " bits");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    byte[] data = new byte[w * h];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      r.getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        data[y * w + x] = (byte) row[x];
      }
    }
    return new IndexMask(w, h, data);
  }

  public static void write(IndexMask mask, OutputStream out) throws IOException {
    BufferedImage img =
        new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    System.arraycopy(mask.data(), 0, dst, 0, dst.length);
    if (!ImageIO.write(img, "png", out)) {
      throw new IOException("no PNG writer available");
    }
  }

  /** Writes atomically (temp file, fsync, rename). */
  public static void write(IndexMask mask, Path file) throws IOException {
    AtomicFiles.write(file, out -> write(mask, out));
  }
}
