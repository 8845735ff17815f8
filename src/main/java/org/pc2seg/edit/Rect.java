package org.pc2seg.edit;

/**
 * An integer pixel rectangle in image coordinates (used for dirty regions).
 *
 * @param x left column
 * @param y top row
 * @param w width (0 for an empty rectangle)
 * @param h height
 */
public record Rect(int x, int y, int w, int h) {
  /** The empty rectangle. */
  public static final Rect EMPTY = new Rect(0, 0, 0, 0);

  public boolean isEmpty() {
    return w <= 0 || h <= 0;
  }

  /** The smallest rectangle holding both. */
  public Rect union(Rect o) {
    if (isEmpty()) {
      return o;
    }
    if (o.isEmpty()) {
      return this;
    }
    int x0 = Math.min(x, o.x);
    int y0 = Math.min(y, o.y);
    int x1 = Math.max(x + w, o.x + o.w);
    int y1 = Math.max(y + h, o.y + o.h);
    return new Rect(x0, y0, x1 - x0, y1 - y0);
  }

  /** This rectangle clipped to {@code [0,width) x [0,height)}. */
  public Rect clip(int width, int height) {
    int x0 = Math.max(0, x);
    int y0 = Math.max(0, y);
    int x1 = Math.min(width, x + w);
    int y1 = Math.min(height, y + h);
    return x1 <= x0 || y1 <= y0 ? EMPTY : new Rect(x0, y0, x1 - x0, y1 - y0);
  }
}
