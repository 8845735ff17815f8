package org.pc2seg.gui.training;

import java.util.function.BiConsumer;
import javafx.scene.Cursor;
import org.pc2seg.gui.viewer.ToolEvent;
import org.pc2seg.gui.viewer.ViewerTool;

/** Heat-map mode's tool: a click picks the anchor pixel; it never edits the mask. */
public final class HeatmapTool implements ViewerTool {
  private final BiConsumer<Integer, Integer> onAnchor;

  /** {@code onAnchor} receives the clicked pixel (x, y) in image coordinates. */
  public HeatmapTool(BiConsumer<Integer, Integer> onAnchor) {
    this.onAnchor = onAnchor;
  }

  @Override
  public String name() {
    return "Negative-sample heat-map";
  }

  @Override
  public void pressed(ToolEvent e) {
    onAnchor.accept((int) Math.floor(e.x()), (int) Math.floor(e.y()));
  }

  @Override
  public Cursor cursor() {
    return Cursor.HAND;
  }
}
