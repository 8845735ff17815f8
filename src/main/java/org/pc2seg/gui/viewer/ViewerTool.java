package org.pc2seg.gui.viewer;

import javafx.scene.Cursor;
import javafx.scene.input.KeyEvent;

/**
 * An editing tool registered on the {@link ImageViewer} (QuPath's PathTool style): the viewer
 * passes primary-button mouse events in image coordinates to the active tool. Panning and zooming
 * stay with the viewer.
 */
public interface ViewerTool {
  /** Display name. */
  String name();

  /** The tool becomes active on the viewer (add preview nodes to {@link ImageViewer#toolLayer}). */
  default void install(ImageViewer viewer) {}

  /** The tool stops being active; remove what it added. */
  default void uninstall(ImageViewer viewer) {}

  default void pressed(ToolEvent e) {}

  default void dragged(ToolEvent e) {}

  default void released(ToolEvent e) {}

  default void moved(ToolEvent e) {}

  /**
   * A key pressed anywhere in the window outside text fields, before the action table sees it;
   * consume it to keep it (e.g. Enter closing a polygon in progress).
   */
  default void key(KeyEvent e) {}

  default Cursor cursor() {
    return Cursor.CROSSHAIR;
  }
}
