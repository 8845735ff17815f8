package org.pc2seg.ml.train;

import java.util.Locale;

/**
 * How the unlabeled views pass through the network's batch norms in a PC²Seg step.
 *
 * <p>Batch norm normalises each image by statistics of the batch it is in, and keeps running
 * statistics for inference. Which images share a batch, and which update the running statistics,
 * changes what the labeled images teach and what the trained model sees at inference.
 */
public enum UnlabeledBatchNorm {
  /**
   * The default since session 14: {@link #SHARED} while the labeled set is small, {@link #SEPARATE}
   * from {@link #SEPARATE_FROM} labeled images on (see {@link #resolve}). Measured on two datasets
   * of 100 training images: with 3–6 labeled images the unlabeled pool's batch statistics are much
   * of PC²Seg's gain, and {@code separate} lost it (sample project, 6 labels: +1.1 over supervised
   * against +13.6); with 12, {@code separate} was as good or better at 400 steps (texture mosaic
   * +1.2 against −2.3, 4 seeds; sample project +3.5 against +3.2), while at 800 steps on the sample
   * project {@code shared} ended higher (+6.8 against +3.3) with tied best checkpoints.
   */
  AUTO,
  /**
   * Every build before session 14 (and what a config.json without the field means): the weak view
   * in training mode (its own batch statistics, updating the running ones), the labeled and strong
   * images as one batch (normalised together, updating the running statistics). The running
   * statistics mix labeled and unlabeled images.
   */
  SHARED,
  /**
   * The labeled images form a batch of their own (normalised exactly as in supervised training);
   * the weak view runs in inference mode (running statistics, which it does not change); the strong
   * view is normalised by its own batch statistics and leaves the running statistics as they were.
   * So the running statistics that inference uses come from labeled images only, as in supervised
   * training, and the unlabeled losses reach the network through gradients alone.
   */
  SEPARATE;

  /** From this many labeled images on, {@link #AUTO} means {@link #SEPARATE}. */
  public static final int SEPARATE_FROM = 12;

  /**
   * The mode a run with {@code labeledImages} labeled images uses: {@link #AUTO} resolved, the
   * others as they are.
   */
  public UnlabeledBatchNorm resolve(int labeledImages) {
    if (this != AUTO) {
      return this;
    }
    return labeledImages >= SEPARATE_FROM ? SEPARATE : SHARED;
  }

  /** The CLI / JSON name. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code auto}, {@code shared} or {@code separate}. */
  public static UnlabeledBatchNorm parse(String s) {
    for (UnlabeledBatchNorm m : values()) {
      if (m.cliName().equalsIgnoreCase(s.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown unlabeled batch-norm mode '" + s + "' (auto, shared, separate)");
  }
}
