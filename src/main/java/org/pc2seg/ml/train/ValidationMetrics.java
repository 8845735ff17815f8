package org.pc2seg.ml.train;

/**
 * Validation result.
 *
 * @param step the step it was measured after
 * @param miou mean IoU over classes present in the ground truth or predictions (0..1)
 * @param perClassIou IoU per class id (NaN where the class is absent from both)
 * @param pixelAccuracy fraction of labeled pixels predicted right
 */
public record ValidationMetrics(
    int step, double miou, double[] perClassIou, double pixelAccuracy) {}
