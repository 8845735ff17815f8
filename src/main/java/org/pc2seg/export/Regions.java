package org.pc2seg.export;

import org.pc2seg.image.IndexMask;

/**
 * Connected regions of equal class in an index mask (8-connected; unlabeled pixels belong to no
 * region).
 *
 * @param labels row-major region id per pixel, -1 for unlabeled pixels
 * @param regionClass class id of each region
 */
public record Regions(int[] labels, int[] regionClass) {

  /** Number of regions. */
  public int count() {
    return regionClass.length;
  }

  /** Labels the connected regions of a mask. */
  public static Regions of(IndexMask mask) {
    int w = mask.width();
    int h = mask.height();
    byte[] d = mask.data();
    int[] labels = new int[w * h];
    java.util.Arrays.fill(labels, -2);
    int[] classes = new int[16];
    int n = 0;
    int[] stack = new int[w * h];
    for (int start = 0; start < d.length; start++) {
      int cls = d[start] & 0xFF;
      if (cls == IndexMask.IGNORE) {
        labels[start] = -1;
        continue;
      }
      if (labels[start] != -2) {
        continue;
      }
      if (n == classes.length) {
        classes = java.util.Arrays.copyOf(classes, n * 2);
      }
      classes[n] = cls;
      int top = 0;
      stack[top++] = start;
      labels[start] = n;
      while (top > 0) {
        int p = stack[--top];
        int px = p % w;
        int py = p / w;
        for (int dy = -1; dy <= 1; dy++) {
          int y = py + dy;
          if (y < 0 || y >= h) {
            continue;
          }
          for (int dx = -1; dx <= 1; dx++) {
            int x = px + dx;
            if (x < 0 || x >= w) {
              continue;
            }
            int q = y * w + x;
            if (labels[q] == -2 && (d[q] & 0xFF) == cls) {
              labels[q] = n;
              stack[top++] = q;
            }
          }
        }
      }
      n++;
    }
    return new Regions(labels, java.util.Arrays.copyOf(classes, n));
  }
}
