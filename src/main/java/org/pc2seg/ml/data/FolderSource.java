package org.pc2seg.ml.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.pc2seg.image.ImageFormatException;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.image.IndexMask;

/**
 * VOC-style folders: every image in {@code images/} and, for labeled sources, a mask {@code
 * masks/<stem>.png} with class ids (255 = ignore). Values above the last class id are rejected.
 */
public final class FolderSource implements SegmentationSource {
  private final List<Path> images;
  private final Path masks;
  private final int numClasses;

  private FolderSource(List<Path> images, Path masks, int numClasses) {
    this.images = images;
    this.masks = masks;
    this.numClasses = numClasses;
  }

  /** Images of a folder, sorted by name, without masks. */
  public static FolderSource unlabeled(Path imagesDir) throws IOException {
    return new FolderSource(list(imagesDir), null, 0);
  }

  /**
   * Images of a folder with their masks from {@code masksDir}; every image must have a mask.
   *
   * @param numClasses mask values must be below this or 255
   */
  public static FolderSource labeled(Path imagesDir, Path masksDir, int numClasses)
      throws IOException {
    List<Path> imgs = list(imagesDir);
    for (Path p : imgs) {
      Path m = maskOf(masksDir, p);
      if (!Files.exists(m)) {
        throw new ImageFormatException(m, "no mask for image " + p.getFileName());
      }
    }
    return new FolderSource(imgs, masksDir, numClasses);
  }

  /** The mask file of an image: {@code <masksDir>/<stem>.png}. */
  public static Path maskOf(Path masksDir, Path image) {
    String n = image.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return masksDir.resolve((dot > 0 ? n.substring(0, dot) : n) + ".png");
  }

  static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("not a folder: " + dir);
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> out = new ArrayList<>(s.filter(ImageLoader::isImageFile).sorted().toList());
      return out;
    }
  }

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
    Path p = images.get(i);
    return MaskedImageLoader.load(
        name(i), p, masks == null ? null : maskOf(masks, p), numClasses, FolderSource::sizeMessage);
  }

  private static String sizeMessage(IndexMask mask, BufferedImage img) {
    return "mask is "
        + mask.width()
        + "x"
        + mask.height()
        + " but its image is "
        + img.getWidth()
        + "x"
        + img.getHeight();
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
