package org.pc2seg.edit;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.pc2seg.image.IndexMask;

/**
 * The painting primitives of the mask tools, all built on {@link MaskEditSession#fillSpan} so every
 * change is recorded for undo. Coordinates are continuous image coordinates: pixel {@code (x, y)}
 * covers {@code [x, x+1) × [y, y+1)} and is painted when its centre is inside the shape.
 */
public final class MaskPainter {
  private MaskPainter() {}

  /** Paints a filled disc of the given diameter; returns the touched region. */
  public static Rect disc(MaskEditSession s, double cx, double cy, double diameter, int value) {
    double r = Math.max(0.5, diameter / 2);
    int y0 = (int) Math.ceil(cy - r - 0.5);
    int y1 = (int) Math.floor(cy + r - 0.5);
    Rect dirty = Rect.EMPTY;
    for (int y = y0; y <= y1; y++) {
      double dy = y + 0.5 - cy;
      double half = Math.sqrt(Math.max(0, r * r - dy * dy));
      int x0 = (int) Math.ceil(cx - half - 0.5);
      int x1 = (int) Math.floor(cx + half - 0.5) + 1;
      if (x1 > x0) {
        s.fillSpan(y, x0, x1, value);
        dirty = dirty.union(new Rect(x0, y, x1 - x0, 1));
      }
    }
    return dirty.clip(s.mask().width(), s.mask().height());
  }

  /**
   * Paints a brush segment: discs from {@code (x0, y0)} to {@code (x1, y1)}, spaced closely enough
   * that the edge stays smooth. Returns the touched region.
   */
  public static Rect line(
      MaskEditSession s, double x0, double y0, double x1, double y1, double diameter, int value) {
    double len = Math.hypot(x1 - x0, y1 - y0);
    double step = Math.max(0.75, diameter / 6);
    int n = Math.max(1, (int) Math.ceil(len / step));
    Rect dirty = Rect.EMPTY;
    for (int i = 0; i <= n; i++) {
      double t = (double) i / n;
      dirty = dirty.union(disc(s, x0 + t * (x1 - x0), y0 + t * (y1 - y0), diameter, value));
    }
    return dirty;
  }

  /**
   * Flood fill: the 4-connected region of pixels equal to the one at {@code (x, y)} becomes {@code
   * value}. Returns the touched region (empty when the pixel already has the value).
   */
  public static Rect floodFill(MaskEditSession s, int x, int y, int value) {
    IndexMask m = s.mask();
    int w = m.width();
    int h = m.height();
    if (x < 0 || y < 0 || x >= w || y >= h) {
      return Rect.EMPTY;
    }
    byte[] d = m.data();
    byte target = d[y * w + x];
    if ((target & 0xFF) == value) {
      return Rect.EMPTY;
    }
    Deque<int[]> stack = new ArrayDeque<>();
    stack.push(new int[] {x, y});
    Rect dirty = Rect.EMPTY;
    while (!stack.isEmpty()) {
      int[] p = stack.pop();
      int py = p[1];
      int row = py * w;
      if (d[row + p[0]] != target) {
        continue;
      }
      int a = p[0];
      while (a > 0 && d[row + a - 1] == target) {
        a--;
      }
      int b = p[0] + 1;
      while (b < w && d[row + b] == target) {
        b++;
      }
      s.fillSpan(py, a, b, value);
      dirty = dirty.union(new Rect(a, py, b - a, 1));
      for (int ny = py - 1; ny <= py + 1; ny += 2) {
        if (ny < 0 || ny >= h) {
          continue;
        }
        int nrow = ny * w;
        boolean inRun = false;
        for (int i = a; i < b; i++) {
          boolean match = d[nrow + i] == target;
          if (match && !inRun) {
            stack.push(new int[] {i, ny});
          }
          inRun = match;
        }
      }
    }
    return dirty;
  }

  /**
   * Fills a polygon (even-odd rule, pixel centres) given by its vertices. Returns the touched
   * region.
   */
  public static Rect polygon(MaskEditSession s, double[] xs, double[] ys, int value) {
    int n = xs.length;
    if (n < 3 || ys.length != n) {
      return Rect.EMPTY;
    }
    double minY = Arrays.stream(ys).min().orElse(0);
    double maxY = Arrays.stream(ys).max().orElse(0);
    int y0 = Math.max(0, (int) Math.floor(minY));
    int y1 = Math.min(s.mask().height() - 1, (int) Math.ceil(maxY));
    double[] cross = new double[n];
    Rect dirty = Rect.EMPTY;
    for (int y = y0; y <= y1; y++) {
      double cy = y + 0.5;
      int k = 0;
      for (int i = 0, j = n - 1; i < n; j = i++) {
        if ((ys[i] > cy) != (ys[j] > cy)) {
          cross[k++] = xs[i] + (cy - ys[i]) * (xs[j] - xs[i]) / (ys[j] - ys[i]);
        }
      }
      Arrays.sort(cross, 0, k);
      for (int c = 0; c + 1 < k; c += 2) {
        int a = (int) Math.ceil(cross[c] - 0.5);
        int b = (int) Math.floor(cross[c + 1] - 0.5) + 1;
        if (b > a) {
          s.fillSpan(y, a, b, value);
          dirty = dirty.union(new Rect(a, y, b - a, 1));
        }
      }
    }
    return dirty.clip(s.mask().width(), s.mask().height());
  }
}
