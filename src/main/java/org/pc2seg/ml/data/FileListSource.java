package org.pc2seg.ml.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pc2seg.image.ImageFormatException;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;

/**
 * Explicit image files with optional mask files (a project's images with oracle masks, or the files
 * of VOC-style folders listed by {@link FolderSource}). Loading checks each mask's size against its
 * image and its values against the class count.
 */
public final class FileListSource implements SegmentationSource {
  private final List<Path> images;
  private final List<Path> masks;
  private final int numClasses;

  /**
   * @param images image files
   * @param masks mask files in the same order, or null for unlabeled
   * @param numClasses mask values must be below this or 255
   */
  public FileListSource(List<Path> images, List<Path> masks, int numClasses) {
    if (masks != null && masks.size() != images.size()) {
      throw new IllegalArgumentException("need one mask per image");
    }
    this.images = List.copyOf(images);
    this.masks = masks == null ? null : List.copyOf(masks);
    this.numClasses = numClasses;
  }

  /** The image files, in order. */
  public List<Path> files() {
    return images;
  }

  @Override
  public int size() {
    return images.size();
  }

  @Override
  public String name(int i) {
    return images.get(i).getFileName().toString();
  }

  @Override
  public boolean labeled() {
    return masks != null;
  }

  @Override
  public LabeledImage load(int i) throws IOException {
    BufferedImage img = ImageLoader.readRgb(images.get(i));
    IndexMask mask = null;
    if (masks != null) {
      Path maskFile = masks.get(i);
      mask = MaskCodec.read(maskFile);
      if (mask.width() != img.getWidth() || mask.height() != img.getHeight()) {
        throw new ImageFormatException(
            maskFile,
            "mask is "
                + mask.width()
                + "x"
                + mask.height()
                + " but its image is "
                + img.getWidth()
                + "x"
                + img.getHeight());
      }
      checkValues(mask, numClasses, maskFile);
    }
    return new LabeledImage(name(i), img, mask);
  }

  /** Throws when a mask holds a value that is neither a class id below {@code k} nor 255. */
  public static void checkValues(IndexMask mask, int k, Path file) throws ImageFormatException {
    byte[] d = mask.data();
    for (int j = 0; j < d.length; j++) {
      int v = d[j] & 0xFF;
      if (v >= k && v != IndexMask.IGNORE) {
        throw new ImageFormatException(
            file,
            "mask value "
                + v
                + " at ("
                + (j % mask.width())
                + ", "
                + (j / mask.width())
                + ") is neither a class id (0.."
                + (k - 1)
                + ") nor 255");
      }
    }
  }
}
