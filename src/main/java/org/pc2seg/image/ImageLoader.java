package org.pc2seg.image;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes images through ImageIO into 8-bit RGB.
 *
 * <p>Conversions: grayscale, 16-bit, palette and CMYK-free colour models are all drawn into a
 * {@code TYPE_INT_RGB} image (16-bit channels are reduced to their high 8 bits by Java2D);
 * transparent pixels are composited over black, which is what a model sees. The header is read
 * first, so an image claiming more than {@link ImageReadOptions#maxPixels()} is refused before any
 * pixel memory is allocated.
 */
public final class ImageLoader {
  /** File extensions (lower case, no dot) recognised as images. */
  public static final Set<String> EXTENSIONS =
      Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

  private ImageLoader() {}

  public static boolean isImageFile(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1)) && Files.isRegularFile(p);
  }

  /** Width and height from the header only. */
  public static Size readSize(Path file) throws IOException {
    try (ImageInputStream in = open(file)) {
      ImageReader reader = readerFor(file, in);
      try {
        return new Size(reader.getWidth(0), reader.getHeight(0));
      } catch (IOException | RuntimeException e) {
        throw new ImageFormatException(file, "unreadable image header (" + e.getMessage() + ")", e);
      } finally {
        reader.dispose();
      }
    }
  }

  /** Decodes to {@code TYPE_INT_RGB}, with the default limits. */
  public static BufferedImage readRgb(Path file) throws IOException {
    return readRgb(file, ImageReadOptions.defaults());
  }

  /** Decodes to {@code TYPE_INT_RGB}. */
  public static BufferedImage readRgb(Path file, ImageReadOptions options) throws IOException {
    BufferedImage raw = readRaw(file, options);
    return toRgb(raw);
  }

  /** Decodes without colour conversion (used for masks). */
  static BufferedImage readRaw(Path file, ImageReadOptions options) throws IOException {
    if (!Files.exists(file)) {
      throw new ImageFormatException(file, "file not found");
    }
    if (Files.size(file) == 0) {
      throw new ImageFormatException(file, "file is empty (0 bytes)");
    }
    try (ImageInputStream in = open(file)) {
      ImageReader reader = readerFor(file, in);
      try {
        long w = reader.getWidth(0);
        long h = reader.getHeight(0);
        if (w * h > options.maxPixels()) {
          throw new ImageFormatException(
              file,
              String.format(
                  Locale.ROOT,
                  "image is %dx%d = %.1f megapixels, over the limit of %.1f megapixels"
                      + " (set -Dpc2seg.maxPixels to raise it)",
                  w,
                  h,
                  w * h / 1e6,
                  options.maxPixels() / 1e6));
        }
        BufferedImage img = reader.read(0);
        if (img == null) {
          throw new ImageFormatException(file, "decoder returned no image");
        }
        return img;
      } catch (ImageFormatException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw new ImageFormatException(
            file,
            "corrupt or truncated image ("
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage()
                + ")",
            e);
      } finally {
        reader.dispose();
      }
    }
  }

  /** Any image to opaque 8-bit RGB (alpha composited over black). */
  public static BufferedImage toRgb(BufferedImage src) {
    if (src.getType() == BufferedImage.TYPE_INT_RGB) {
      return src;
    }
    BufferedImage rgb =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.drawImage(src, 0, 0, null);
    } finally {
      g.dispose();
    }
    return rgb;
  }

  private static ImageInputStream open(Path file) throws IOException {
    if (!Files.isReadable(file)) {
      throw new ImageFormatException(
          file, Files.exists(file) ? "file is not readable" : "file not found");
    }
    ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
    if (in == null) {
      throw new ImageFormatException(file, "cannot open file");
    }
    return in;
  }

  private static ImageReader readerFor(Path file, ImageInputStream in) throws IOException {
    Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
    if (!readers.hasNext()) {
      in.close();
      throw new ImageFormatException(
          file,
          "not a supported image (PNG, JPEG, BMP, GIF or TIFF expected; content does not match)");
    }
    ImageReader reader = readers.next();
    reader.setInput(in, true, true);
    return reader;
  }

  /** Image dimensions. */
  public record Size(int width, int height) {}
}
