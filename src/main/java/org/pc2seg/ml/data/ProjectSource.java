package org.pc2seg.ml.data;

import java.io.IOException;
import java.util.List;
import org.pc2seg.image.ImageFormatException;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.image.IndexMask;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.MaskStore;
import org.pc2seg.project.Project;

/** Images of a project (a snapshot of an item list), with masks read through {@link MaskStore}. */
public final class ProjectSource implements SegmentationSource {
  private final Project project;
  private final List<ImageItem> items;
  private final boolean withMasks;

  /**
   * @param project the project
   * @param items the items (copied)
   * @param withMasks whether masks are read (they must exist)
   */
  public ProjectSource(Project project, List<ImageItem> items, boolean withMasks) {
    this.project = project;
    this.items = List.copyOf(items);
    this.withMasks = withMasks;
  }

  public List<ImageItem> items() {
    return items;
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public String name(int i) {
    return items.get(i).path();
  }

  @Override
  public boolean labeled() {
    return withMasks;
  }

  @Override
  public LabeledImage load(int i) throws IOException {
    ImageItem item = items.get(i);
    var img = ImageLoader.readRgb(project.imageFile(item));
    IndexMask mask = null;
    if (withMasks) {
      mask =
          MaskStore.read(project, item)
              .orElseThrow(
                  () ->
                      new ImageFormatException(
                          project.maskFile(item), "mask of " + item.path() + " is missing"));
      if (mask.width() != img.getWidth() || mask.height() != img.getHeight()) {
        throw new ImageFormatException(
            project.maskFile(item),
            "mask is "
                + mask.width()
                + "x"
                + mask.height()
                + " but its image is "
                + img.getWidth()
                + "x"
                + img.getHeight());
      }
    }
    return new LabeledImage(item.path(), img, mask);
  }
}
