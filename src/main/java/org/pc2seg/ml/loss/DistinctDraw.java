package org.pc2seg.ml.loss;

import java.util.SplittableRandom;

/**
 * Draws distinct pixel indices uniformly (a partial Fisher–Yates shuffle), for anchors and labeled
 * candidates.
 */
final class DistinctDraw {
  private DistinctDraw() {}

  /**
   * Up to {@code m} distinct indices in [0, total), uniformly among the eligible ones (all when
   * {@code eligible} is null).
   */
  static int[] among(int total, boolean[] eligible, int m, SplittableRandom rnd) {
    int[] pool = new int[total];
    int n = 0;
    for (int i = 0; i < total; i++) {
      if (eligible == null || eligible[i]) {
        pool[n++] = i;
      }
    }
    return first(pool, n, m, rnd);
  }

  /**
   * Up to {@code m} distinct entries of {@code pool[0, n)}, uniformly; reorders the pool.
   *
   * @return min(m, n) entries in draw order
   */
  static int[] first(int[] pool, int n, int m, SplittableRandom rnd) {
    int k = Math.min(m, n);
    for (int i = 0; i < k; i++) {
      int j = i + rnd.nextInt(n - i);
      int t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    int[] out = new int[k];
    System.arraycopy(pool, 0, out, 0, k);
    return out;
  }
}
