package org.pc2seg.ml.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes and augments the batches of the next steps on worker threads while the training thread
 * computes the current one. Batches are deterministic functions of (seed, step) (see {@link
 * BatchPlan}), so prefetching never changes results.
 */
public final class BatchPrefetcher implements AutoCloseable {
  private final SegmentationSource labeled;
  private final SegmentationSource unlabeled;
  private final ViewAugmenter augmenter;
  private final BatchPlan plan;
  private final int batchLabeled;
  private final int batchUnlabeled;
  private final int depth;
  private final ExecutorService pool;
  private final Map<Integer, Future<Batch>> pending = new HashMap<>();

  /**
   * @param labeled labeled images (non-empty)
   * @param unlabeled unlabeled images, or null / empty for supervised training
   * @param augmenter view maker
   * @param seed run seed
   * @param batchLabeled labeled images per step
   * @param batchUnlabeled unlabeled images per step (0 for supervised)
   * @param workers worker threads (at least 1)
   */
  public BatchPrefetcher(
      SegmentationSource labeled,
      SegmentationSource unlabeled,
      ViewAugmenter augmenter,
      long seed,
      int batchLabeled,
      int batchUnlabeled,
      int workers) {
    this.labeled = labeled;
    this.unlabeled = unlabeled;
    this.augmenter = augmenter;
    this.plan = new BatchPlan(seed);
    this.batchLabeled = batchLabeled;
    this.batchUnlabeled = unlabeled == null || unlabeled.size() == 0 ? 0 : batchUnlabeled;
    this.depth = Math.max(2, workers);
    AtomicInteger count = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            Math.max(1, workers),
            r -> {
              Thread t = new Thread(r, "pc2seg-data-" + count.incrementAndGet());
              t.setDaemon(true);
              t.setPriority(Thread.NORM_PRIORITY - 1);
              return t;
            });
  }

  /** The batch of a step; schedules the following steps in the background. */
  public Batch get(int step) throws IOException {
    for (int s = step; s < step + depth; s++) {
      final int st = s;
      pending.computeIfAbsent(s, k -> pool.submit(() -> build(st)));
    }
    pending.keySet().removeIf(k -> k < step);
    Future<Batch> f = pending.remove(step);
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while loading a batch", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(c.getMessage(), c);
    }
  }

  /** Builds a step's batch on the calling thread. */
  public Batch build(int step) {
    try {
      int c = augmenter.crop();
      int n = c * c;
      int[] li = plan.indices(0, labeled.size(), step, batchLabeled);
      float[] lx = new float[batchLabeled * 3 * n];
      byte[] ly = new byte[batchLabeled * n];
      for (int j = 0; j < li.length; j++) {
        LabeledImage img = labeled.load(li[j]);
        ViewPair v = augmenter.views(img, plan.slotRandom(0, step, j));
        System.arraycopy(v.weak(), 0, lx, j * 3 * n, 3 * n);
        System.arraycopy(v.mask(), 0, ly, j * n, n);
      }
      int[] ui =
          batchUnlabeled == 0
              ? new int[0]
              : plan.indices(1, unlabeled.size(), step, batchUnlabeled);
      float[] wx = new float[ui.length * 3 * n];
      float[] sx = new float[ui.length * 3 * n];
      for (int j = 0; j < ui.length; j++) {
        LabeledImage img = unlabeled.load(ui[j]);
        ViewPair v = augmenter.views(img, plan.slotRandom(1, step, j));
        System.arraycopy(v.weak(), 0, wx, j * 3 * n, 3 * n);
        System.arraycopy(v.strong(), 0, sx, j * 3 * n, 3 * n);
      }
      return new Batch(step, c, lx, ly, wx, sx, li, ui);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
