package org.pc2seg.ml.data;

import java.io.IOException;

/**
 * A list of images (and masks, for labeled sources) that can be loaded by index. Implementations
 * must be safe to call from several worker threads at once.
 */
public interface SegmentationSource {
  /** Number of images. */
  int size();

  /** A short name of image {@code i} (for messages and negative-sampling statistics). */
  String name(int i);

  /** Decodes image {@code i}; its mask is null when the source is unlabeled. */
  LabeledImage load(int i) throws IOException;

  /** Whether {@link #load} returns masks. */
  boolean labeled();
}
