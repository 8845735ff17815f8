package org.pc2seg.gui.tools;

import org.pc2seg.edit.MaskEditSession;
import org.pc2seg.edit.MaskPainter;
import org.pc2seg.gui.viewer.ToolEvent;
import org.pc2seg.gui.viewer.ViewerTool;
import org.pc2seg.image.IndexMask;

/**
 * Flood fill: the connected region of equal mask value under the click gets the class (Alt: 255).
 */
public final class FillTool implements ViewerTool {
  private final ToolContext ctx;

  public FillTool(ToolContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public String name() {
    return "Fill";
  }

  @Override
  public void pressed(ToolEvent e) {
    MaskEditSession s = ctx.session();
    if (s == null) {
      return;
    }
    int value = e.alt() ? IndexMask.IGNORE : ctx.selectedClass();
    s.beginStroke("Fill");
    ctx.repaint(MaskPainter.floodFill(s, (int) Math.floor(e.x()), (int) Math.floor(e.y()), value));
    if (s.endStroke().isPresent()) {
      ctx.strokeFinished();
    }
  }
}
