package org.pc2seg.ml.data;

import java.util.Random;

/**
 * Stateless, seeded choice of images and augmentation seeds for every step. Step t reads images by
 * walking a per-epoch permutation, and each image slot gets its own random seed derived from (seed,
 * step, slot), so a batch depends only on the seed and the step: resuming at step t gives exactly
 * the batch an uninterrupted run would have had, whatever the worker threads did.
 */
public final class BatchPlan {
  private final long seed;

  public BatchPlan(long seed) {
    this.seed = seed;
  }

  /** Mixes numbers into a well-spread 64-bit seed (SplitMix64 finaliser). */
  public static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Dataset indices for a step.
   *
   * @param stream distinguishes datasets (0 labeled, 1 unlabeled)
   * @param size dataset size
   * @param step 0-based step
   * @param batch images per step
   */
  public int[] indices(int stream, int size, int step, int batch) {
    int[] out = new int[batch];
    int[] perm = null;
    long cachedEpoch = -1;
    for (int j = 0; j < batch; j++) {
      long k = (long) step * batch + j;
      long epoch = k / size;
      if (epoch != cachedEpoch) {
        perm = permutation(size, mix(mix(seed, stream), epoch));
        cachedEpoch = epoch;
      }
      out[j] = perm[(int) (k % size)];
    }
    return out;
  }

  /** The random generator of one image slot of a step. */
  public Random slotRandom(int stream, int step, int slot) {
    return new Random(mix(mix(mix(seed, stream + 17), step), slot));
  }

  static int[] permutation(int n, long s) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    Random r = new Random(s);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
