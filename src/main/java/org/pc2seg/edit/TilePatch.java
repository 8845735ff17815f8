package org.pc2seg.edit;

/**
 * The pixels of one rectangular mask region before and after an edit. Undo writes {@link
 * #before()}, redo writes {@link #after()}; both arrays are row-major, {@code w * h} long.
 *
 * @param x left column of the region
 * @param y top row of the region
 * @param w width
 * @param h height
 * @param before values before the edit
 * @param after values after the edit
 */
public record TilePatch(int x, int y, int w, int h, byte[] before, byte[] after) {
  public TilePatch {
    if (before.length != w * h || after.length != w * h) {
      throw new IllegalArgumentException("patch data does not match " + w + "x" + h);
    }
  }

  /** Bytes this patch holds in memory (both states). */
  public long bytes() {
    return 2L * w * h;
  }
}
