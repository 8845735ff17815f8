package org.pc2seg.gui.tools;

import org.pc2seg.edit.MaskEditSession;
import org.pc2seg.edit.Rect;

/** What the mask tools need from the workspace. */
public interface ToolContext {
  /** The mask session of the shown image, or null when it cannot be edited. */
  MaskEditSession session();

  /** The class id painted by the brush, fill and polygon. */
  int selectedClass();

  /** Brush diameter in image pixels. */
  double brushSize();

  /** Pixels in the region changed: repaint the overlays there. */
  void repaint(Rect region);

  /** A stroke ended (journaled by the session's sink): mark unsaved, restart the autosave timer. */
  void strokeFinished();
}
