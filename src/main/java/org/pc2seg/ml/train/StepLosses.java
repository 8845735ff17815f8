package org.pc2seg.ml.train;

import ai.djl.ndarray.NDArray;

/**
 * The losses of one step.
 *
 * @param total the loss to back-propagate
 * @param ce cross-entropy value
 * @param consistency consistency loss value (before λ and warm-up)
 * @param contrastive contrastive loss value (before λ and warm-up)
 * @param anchorPixels flat pixel indices (over B_u×h×w) of the anchors, or null
 * @param negativePixels M×N flat pixel indices of the drawn negatives, or null
 */
record StepLosses(
    NDArray total,
    double ce,
    double consistency,
    double contrastive,
    long[] anchorPixels,
    long[] negativePixels) {}
