package org.pc2seg.gui.tools;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polyline;
import org.pc2seg.edit.MaskEditSession;
import org.pc2seg.edit.MaskPainter;
import org.pc2seg.gui.viewer.ImageViewer;
import org.pc2seg.gui.viewer.ToolEvent;
import org.pc2seg.gui.viewer.ViewerTool;
import org.pc2seg.image.IndexMask;

/**
 * Polygon and lasso fill. Click to add vertices and double-click (or Enter) to fill; or drag a
 * freehand outline (lasso), filled on release. Escape cancels. Alt fills with 255.
 */
public final class PolygonTool implements ViewerTool {
  private final ToolContext ctx;
  private final List<double[]> points = new ArrayList<>();
  private final Polyline preview = new Polyline();
  private boolean dragged;
  private boolean alt;
  private ImageViewer viewer;

  public PolygonTool(ToolContext ctx) {
    this.ctx = ctx;
    preview.setStroke(Color.YELLOW);
    preview.setMouseTransparent(true);
  }

  @Override
  public String name() {
    return "Polygon";
  }

  @Override
  public void install(ImageViewer v) {
    this.viewer = v;
    if (!v.toolLayer().getChildren().contains(preview)) {
      v.toolLayer().getChildren().add(preview);
    }
    preview.strokeWidthProperty().bind(v.zoomProperty().map(z -> 1.5 / z.doubleValue()));
  }

  @Override
  public void uninstall(ImageViewer v) {
    cancel();
    v.toolLayer().getChildren().remove(preview);
    preview.strokeWidthProperty().unbind();
  }

  @Override
  public void pressed(ToolEvent e) {
    alt = e.alt();
    dragged = false;
    if (e.clicks() >= 2 && points.size() >= 3) {
      close();
      return;
    }
    add(e.x(), e.y());
  }

  @Override
  public void dragged(ToolEvent e) {
    double[] last = points.get(points.size() - 1);
    double min = viewer == null ? 1 : 3 / viewer.zoomProperty().get();
    if (Math.hypot(e.x() - last[0], e.y() - last[1]) >= min) {
      dragged = true;
      add(e.x(), e.y());
    }
  }

  @Override
  public void released(ToolEvent e) {
    if (dragged && points.size() >= 3) {
      close();
    }
  }

  @Override
  public void key(KeyEvent e) {
    if (e.getCode() == KeyCode.ENTER && points.size() >= 3) {
      close();
      e.consume();
    } else if (e.getCode() == KeyCode.ESCAPE) {
      cancel();
      e.consume();
    }
  }

  /** Vertices placed so far (image coordinates). */
  public int vertexCount() {
    return points.size();
  }

  private void add(double x, double y) {
    points.add(new double[] {x, y});
    preview.getPoints().addAll(x, y);
  }

  private void close() {
    MaskEditSession s = ctx.session();
    if (s != null && points.size() >= 3) {
      double[] xs = points.stream().mapToDouble(p -> p[0]).toArray();
      double[] ys = points.stream().mapToDouble(p -> p[1]).toArray();
      s.beginStroke("Polygon");
      ctx.repaint(MaskPainter.polygon(s, xs, ys, alt ? IndexMask.IGNORE : ctx.selectedClass()));
      if (s.endStroke().isPresent()) {
        ctx.strokeFinished();
      }
    }
    cancel();
  }

  private void cancel() {
    points.clear();
    preview.getPoints().clear();
  }
}
