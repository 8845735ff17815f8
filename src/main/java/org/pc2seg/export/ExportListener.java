package org.pc2seg.export;

/** Receives export progress on the exporting thread; implementations must return quickly. */
@FunctionalInterface
public interface ExportListener {
  /**
   * Called after each item.
   *
   * @param done items finished
   * @param total items planned
   * @param item what was just exported (an image path or a file name)
   */
  void onProgress(int done, int total, String item);

  /** Does nothing. */
  ExportListener NONE = (d, t, i) -> {};
}
