package org.pc2seg.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.pc2seg.ml.loss.LossBreakdown;
import org.pc2seg.ml.loss.Pc2SegObjective;

/** Builds the {@link Pc2SegObjective} of a config and applies it to one step's outputs. */
final class Objective {
  private final Pc2SegObjective objective;
  private final TrainConfig cfg;

  Objective(TrainConfig cfg) {
    this.cfg = cfg;
    this.objective =
        Pc2SegObjective.builder()
            .optSupervised(cfg.method() == Method.SUPERVISED)
            .optContrastiveWeight((float) cfg.lambdaContrastive())
            .optConsistencyWeight((float) cfg.lambdaConsistency())
            .optTemperature((float) cfg.temperature())
            .optAnchors(cfg.anchors())
            .optNegatives(cfg.negatives())
            .optLabeledCandidates(cfg.labeledCandidates())
            .optSamplingScheme(cfg.sampling())
            .optConfidenceThreshold((float) cfg.confidenceThreshold())
            .optSharpen((float) cfg.sharpen())
            .build();
  }

  /** Warm-up weight of the unlabeled losses at a 0-based step. */
  float unlabeledWeight(int step) {
    return Pc2SegObjective.rampUp(step, cfg.unlabeledWarmupSteps());
  }

  /**
   * @param labeledZ projection of the labeled images (negative candidates when the config asks for
   *     labeled candidates), or null
   * @param weak weak-view outputs (computed without gradients), null for supervised steps
   * @param strong strong-view outputs, null for supervised steps
   * @param sourceImage which unlabeled image each projection pixel shows (CutMix), or null
   */
  LossBreakdown compute(
      NDArray labeledLogits,
      NDArray labels,
      NDArray labeledZ,
      NDList weak,
      NDList strong,
      int step,
      long seed,
      int[] sourceImage) {
    if (weak == null || strong == null) {
      return objective.supervised(labeledLogits, labels);
    }
    return objective.compute(
        labeledLogits, labels, labeledZ, weak, strong, unlabeledWeight(step), seed, sourceImage);
  }
}
