package org.pc2seg.ml.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pc2seg.image.ImageFormatException;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;

/** Explicit image files with optional mask files (e.g. a project's images with oracle masks). */
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
    var img = ImageLoader.readRgb(images.get(i));
    IndexMask m = null;
    if (masks != null) {
      m = MaskCodec.read(masks.get(i));
      if (m.width() != img.getWidth() || m.height() != img.getHeight()) {
        throw new ImageFormatException(masks.get(i), "mask size differs from its image");
      }
      FolderSource.checkValues(m, numClasses, masks.get(i));
    }
    return new LabeledImage(name(i), img, m);
  }
}
