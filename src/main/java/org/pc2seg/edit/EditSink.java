package org.pc2seg.edit;

/** Receives every change applied to a mask, e.g. to journal it for crash recovery. */
@FunctionalInterface
public interface EditSink {
  /**
   * Called after an edit was applied to the mask.
   *
   * @param edit the edit
   * @param forward true for a new edit or a redo (the mask now holds {@code after}), false for an
   *     undo (the mask now holds {@code before})
   */
  void applied(MaskEdit edit, boolean forward);
}
