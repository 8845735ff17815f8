package org.pc2seg.active.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.pc2seg.io.AtomicFiles;

/** Draws the experiment's learning curves (mean and min–max band per order) with Java2D. */
public final class CurvePlot {
  private static final int W = 720;
  private static final int H = 440;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;

  private CurvePlot() {}

  /** Renders the plot. */
  public static BufferedImage render(ExperimentResult r, String title) {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    int[] xs = r.curves().get(0).labeled();
    double xMin = xs[0];
    double xMax = xs[xs.length - 1];
    double yMin = 1;
    double yMax = 0;
    for (ExperimentResult.Curve c : r.curves()) {
      for (double v : c.miou()) {
        yMin = Math.min(yMin, v * 100);
        yMax = Math.max(yMax, v * 100);
      }
    }
    yMin = Math.max(0, Math.floor(yMin / 5) * 5 - 5);
    yMax = Math.min(100, Math.ceil(yMax / 5) * 5 + 5);
    Axis ax = new Axis(xMin, xMax, yMin, yMax);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(new Color(230, 230, 230));
    for (double y = yMin; y <= yMax + 1e-9; y += 5) {
      g.drawLine(LEFT, ax.py(y), W - RIGHT, ax.py(y));
    }
    g.setColor(Color.DARK_GRAY);
    g.drawRect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
    for (double y = yMin; y <= yMax + 1e-9; y += 5) {
      String s = String.format(Locale.ROOT, "%.0f", y);
      g.drawString(s, LEFT - 8 - g.getFontMetrics().stringWidth(s), ax.py(y) + 4);
    }
    for (int x : xs) {
      String s = Integer.toString(x);
      g.drawString(s, ax.px(x) - g.getFontMetrics().stringWidth(s) / 2, H - BOTTOM + 18);
    }
    g.drawString("labeled training images", W / 2 - 60, H - 18);
    Graphics2D gy = (Graphics2D) g.create();
    gy.rotate(-Math.PI / 2);
    gy.drawString("validation mIoU (%)", -(TOP + (H - TOP - BOTTOM) / 2) - 55, 20);
    gy.dispose();
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, LEFT, 25);
    draw(g, ax, r, ExperimentResult.SUGGESTED, new Color(0xD62728), 0);
    draw(g, ax, r, ExperimentResult.RANDOM, new Color(0x1F77B4), 1);
    g.dispose();
    return img;
  }

  private static void draw(
      Graphics2D g, Axis ax, ExperimentResult r, String order, Color color, int legendRow) {
    List<ExperimentResult.Curve> cs = r.of(order);
    if (cs.isEmpty()) {
      return;
    }
    int[] xs = cs.get(0).labeled();
    double[] mean = r.mean(order);
    Path2D band = new Path2D.Double();
    for (int i = 0; i < xs.length; i++) {
      final int k = i;
      double max = cs.stream().mapToDouble(c -> c.miou()[k]).max().orElse(0) * 100;
      if (i == 0) {
        band.moveTo(ax.px(xs[i]), ax.py(max));
      } else {
        band.lineTo(ax.px(xs[i]), ax.py(max));
      }
    }
    for (int i = xs.length - 1; i >= 0; i--) {
      final int k = i;
      double min = cs.stream().mapToDouble(c -> c.miou()[k]).min().orElse(0) * 100;
      band.lineTo(ax.px(xs[i]), ax.py(min));
    }
    band.closePath();
    g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 50));
    g.fill(band);
    g.setColor(color);
    g.setStroke(new BasicStroke(2.5f));
    for (int i = 0; i + 1 < xs.length; i++) {
      g.drawLine(ax.px(xs[i]), ax.py(mean[i] * 100), ax.px(xs[i + 1]), ax.py(mean[i + 1] * 100));
    }
    for (int i = 0; i < xs.length; i++) {
      g.fillOval(ax.px(xs[i]) - 4, ax.py(mean[i] * 100) - 4, 8, 8);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int ly = TOP + 20 + legendRow * 20;
    g.drawLine(W - RIGHT - 230, ly - 4, W - RIGHT - 205, ly - 4);
    g.setColor(Color.DARK_GRAY);
    g.drawString(
        order + " order (mean of " + cs.size() + " seeds, band = min–max)", W - RIGHT - 200, ly);
  }

  /** Writes the plot as a PNG, atomically. */
  public static void write(ExperimentResult r, String title, Path file) throws IOException {
    BufferedImage img = render(r, title);
    AtomicFiles.write(
        file,
        out -> {
          if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer");
          }
        });
  }

  private record Axis(double xMin, double xMax, double yMin, double yMax) {
    int px(double x) {
      double t = xMax == xMin ? 0.5 : (x - xMin) / (xMax - xMin);
      return (int) Math.round(LEFT + 10 + t * (W - LEFT - RIGHT - 20));
    }

    int py(double y) {
      double t = (y - yMin) / (yMax - yMin);
      return (int) Math.round(H - BOTTOM - t * (H - TOP - BOTTOM));
    }
  }
}
