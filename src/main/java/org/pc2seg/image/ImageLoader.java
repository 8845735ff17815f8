package org.pc2seg.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes images (PNG, JPEG, BMP, GIF, TIFF through ImageIO) into 8-bit RGB, refusing bad files
 * with an {@link ImageFormatException} that names the file and the problem.
 *
 * <p>The decoder is chosen by the file's content, not its name, so a JPEG named {@code .png} still
 * loads and a text file named {@code .png} is refused as "not a supported image". Empty files,
 * truncated files (including a JPEG whose data ends early, which ImageIO would otherwise return
 * half grey) and undecodable files are refused.
 *
 * <p>The header is read first, so an image claiming more than {@link ImageReadOptions#maxPixels()}
 * pixels (default 100 megapixels) is refused before any pixel memory is allocated (decompression
 * bombs).
 *
 * <p>Conversions to RGB (grayscale, 16-bit, palette, alpha) are described in {@link #toRgb}.
 */
public final class ImageLoader {
  /** File extensions (lower case, no dot) recognised as images. */
  public static final Set<String> EXTENSIONS =
      Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

  private ImageLoader() {}

  /** Whether a path is a regular file with one of the {@link #EXTENSIONS}. */
  public static boolean isImageFile(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1)) && Files.isRegularFile(p);
  }

  /** Width and height from the header only, checked against the default pixel limit. */
  public static Size readSize(Path file) throws IOException {
    return readSize(file, ImageReadOptions.defaults());
  }

  /** Width and height from the header only, checked against the pixel limit. */
  public static Size readSize(Path file, ImageReadOptions options) throws IOException {
    checkFile(file);
    try (ImageInputStream in = open(file)) {
      ImageReader reader = readerFor(file, in);
      try {
        return headerSize(file, reader, options);
      } catch (ImageFormatException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw new ImageFormatException(file, "unreadable image header (" + describe(e) + ")", e);
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
    checkFile(file);
    try (ImageInputStream in = open(file)) {
      ImageReader reader = readerFor(file, in);
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      try {
        headerSize(file, reader, options);
        BufferedImage img = reader.read(0);
        if (img == null) {
          throw new ImageFormatException(file, "decoder returned no image");
        }
        for (String w : warnings) {
          String lw = w.toLowerCase(Locale.ROOT);
          if (lw.contains("premature end") || lw.contains("truncat") || lw.contains("corrupt")) {
            throw new ImageFormatException(file, "corrupt or truncated image (" + w + ")");
          }
        }
        return img;
      } catch (ImageFormatException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw new ImageFormatException(file, "corrupt or truncated image (" + describe(e) + ")", e);
      } finally {
        reader.dispose();
      }
    }
  }

  /**
   * Any image to opaque 8-bit RGB: grayscale and 16-bit samples are rescaled to 0..255 without
   * gamma change (gray copied to R, G and B), palette indices become their palette colour, and
   * transparent pixels are composited over black ({@code c * alpha / maxAlpha}).
   */
  public static BufferedImage toRgb(BufferedImage src) {
    return RgbConverter.toRgb(src);
  }

  private static Size headerSize(Path file, ImageReader reader, ImageReadOptions options)
      throws IOException {
    long w = reader.getWidth(0);
    long h = reader.getHeight(0);
    if (w <= 0 || h <= 0) {
      throw new ImageFormatException(file, "image header gives an empty size " + w + "x" + h);
    }
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
    return new Size((int) w, (int) h);
  }

  private static void checkFile(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new ImageFormatException(file, "file not found");
    }
    if (!Files.isRegularFile(file)) {
      throw new ImageFormatException(file, "not a regular file");
    }
    if (Files.size(file) == 0) {
      throw new ImageFormatException(file, "file is empty (0 bytes)");
    }
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
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
          "not a supported image: the content is not PNG, JPEG, BMP, GIF or TIFF"
              + " (whatever the file name says)");
    }
    ImageReader reader = readers.next();
    reader.setInput(in, true, true);
    return reader;
  }

  /** Image dimensions. */
  public record Size(int width, int height) {}
}
