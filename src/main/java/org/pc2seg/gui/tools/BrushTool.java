package org.pc2seg.gui.tools;

import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import org.pc2seg.edit.MaskEditSession;
import org.pc2seg.edit.MaskPainter;
import org.pc2seg.edit.Rect;
import org.pc2seg.gui.viewer.ImageViewer;
import org.pc2seg.gui.viewer.ToolEvent;
import org.pc2seg.gui.viewer.ViewerTool;
import org.pc2seg.image.IndexMask;

/**
 * Round brush painting the selected class; as eraser (or with Alt held) it paints 255. Each drag
 * event paints the segment from the previous position and repaints only that region.
 */
public final class BrushTool implements ViewerTool {
  private final ToolContext ctx;
  private final boolean eraser;
  private final Circle outline = new Circle();
  private double lastX;
  private double lastY;
  private int value;
  private MaskEditSession stroke;

  public BrushTool(ToolContext ctx, boolean eraser) {
    this.ctx = ctx;
    this.eraser = eraser;
    outline.setFill(null);
    outline.setStroke(Color.WHITE);
    outline.setMouseTransparent(true);
    outline.setVisible(false);
  }

  @Override
  public String name() {
    return eraser ? "Eraser" : "Brush";
  }

  @Override
  public void install(ImageViewer viewer) {
    if (!viewer.toolLayer().getChildren().contains(outline)) {
      viewer.toolLayer().getChildren().add(outline);
    }
    outline.strokeWidthProperty().bind(viewer.zoomProperty().map(z -> 1.5 / z.doubleValue()));
  }

  @Override
  public void uninstall(ImageViewer viewer) {
    viewer.toolLayer().getChildren().remove(outline);
    outline.strokeWidthProperty().unbind();
  }

  @Override
  public void pressed(ToolEvent e) {
    MaskEditSession s = ctx.session();
    if (s == null) {
      return;
    }
    value = eraser || e.alt() ? IndexMask.IGNORE : ctx.selectedClass();
    s.beginStroke(value == IndexMask.IGNORE ? "Erase" : "Brush");
    stroke = s;
    lastX = e.x();
    lastY = e.y();
    ctx.repaint(MaskPainter.disc(s, e.x(), e.y(), ctx.brushSize(), value));
    showOutline(e);
  }

  @Override
  public void dragged(ToolEvent e) {
    MaskEditSession s = ctx.session();
    if (s == null || s != stroke || !s.inStroke()) {
      return; // the image changed or the stroke was committed mid-drag
    }
    Rect r = MaskPainter.line(s, lastX, lastY, e.x(), e.y(), ctx.brushSize(), value);
    lastX = e.x();
    lastY = e.y();
    ctx.repaint(r);
    showOutline(e);
  }

  @Override
  public void released(ToolEvent e) {
    MaskEditSession s = stroke;
    stroke = null;
    if (s == null || s != ctx.session() || !s.inStroke()) {
      return;
    }
    s.endStroke();
    ctx.strokeFinished();
  }

  @Override
  public void moved(ToolEvent e) {
    showOutline(e);
  }

  private void showOutline(ToolEvent e) {
    outline.setCenterX(e.x());
    outline.setCenterY(e.y());
    outline.setRadius(ctx.brushSize() / 2);
    outline.setStroke(eraser || e.alt() ? Color.ORANGE : Color.WHITE);
    outline.setVisible(true);
  }
}
