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
   * The default (and every build before session 13): the weak view in training mode (its own batch
   * statistics, updating the running ones), the labeled and strong images as one batch (normalised
   * together, updating the running statistics). The running statistics mix labeled and unlabeled
   * images.
   */
  SHARED,
  /**
   * Opt-in. The labeled images form a batch of their own (normalised exactly as in supervised
   * training); the weak view runs in inference mode (running statistics, which it does not change);
   * the strong view is normalised by its own batch statistics and leaves the running statistics as
   * they were. So the running statistics that inference uses come from labeled images only, as in
   * supervised training, and the unlabeled losses reach the network through gradients alone. It
   * helped on the texture mosaic with 12 labeled images and hurt badly on the sample project, where
   * the unlabeled pool's statistics are part of what PC²Seg gains.
   */
  SEPARATE;

  /** The CLI / JSON name. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code shared} or {@code separate}. */
  public static UnlabeledBatchNorm parse(String s) {
    for (UnlabeledBatchNorm m : values()) {
      if (m.cliName().equalsIgnoreCase(s.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown unlabeled batch-norm mode '" + s + "' (shared, separate)");
  }
}
