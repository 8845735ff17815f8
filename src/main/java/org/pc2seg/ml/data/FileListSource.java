package org.pc2seg.ml.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
    return MaskedImageLoader.load(
        name(i),
        images.get(i),
        masks == null ? null : masks.get(i),
        numClasses,
        (m, img) -> "mask size differs from its image");
  }
}
