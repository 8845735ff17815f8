package org.pc2seg.edit;

import java.util.List;

/**
 * One undoable edit (a brush stroke, a fill, a polygon): the changed tiles of the mask with their
 * old and new values.
 *
 * @param label what the edit was, for menus ("Brush", "Fill", ...)
 * @param patches the changed tiles
 * @param bounds the bounding box of all patches
 */
public record MaskEdit(String label, List<TilePatch> patches, Rect bounds) {
  public MaskEdit {
    patches = List.copyOf(patches);
  }

  /** Bytes this edit holds in memory. */
  public long bytes() {
    return patches.stream().mapToLong(TilePatch::bytes).sum();
  }
}
