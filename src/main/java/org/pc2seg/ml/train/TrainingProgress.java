package org.pc2seg.ml.train;

/**
 * One training step's report.
 *
 * @param step steps done so far (1-based)
 * @param totalSteps steps planned
 * @param loss total loss of the step
 * @param ce supervised cross-entropy
 * @param consistency consistency loss l_cy (0 for supervised or during warm-up)
 * @param contrastive contrastive loss l_ce (0 for supervised or during warm-up)
 * @param learningRate learning rate used
 * @param imagesPerSecond throughput (labeled + unlabeled images)
 * @param etaMillis estimated time left
 */
public record TrainingProgress(
    int step,
    int totalSteps,
    double loss,
    double ce,
    double consistency,
    double contrastive,
    double learningRate,
    double imagesPerSecond,
    long etaMillis) {}
