package org.pc2seg.active.experiment;

import java.util.List;
import org.pc2seg.active.UncertaintyMeasure;
import org.pc2seg.ml.model.ModelConfig;

/**
 * Settings of the simulated-user experiment.
 *
 * @param rounds acquisition rounds after the initial training
 * @param perRound images "labeled" (copied from the oracle) per round
 * @param initialSteps training steps on the initial labeled set
 * @param stepsPerRound training steps after each acquisition (continuing from the previous weights)
 * @param batch images per step
 * @param crop training crop size
 * @param learningRate Adam learning rate
 * @param seeds one run per seed and order
 * @param measure uncertainty measure of the suggested order
 * @param diversity diversity weight of the suggested order (0 = uncertainty only)
 * @param candidates the suggested order ranks a random subset of this many pool images per round (0
 *     = the whole pool), the usual way to bound ranking time
 * @param model the network
 */
public record ExperimentConfig(
    int rounds,
    int perRound,
    int initialSteps,
    int stepsPerRound,
    int batch,
    int crop,
    double learningRate,
    List<Long> seeds,
    UncertaintyMeasure measure,
    double diversity,
    int candidates,
    ModelConfig model) {

  public ExperimentConfig {
    if (rounds < 1 || perRound < 1 || initialSteps < 1 || stepsPerRound < 1 || batch < 1) {
      throw new IllegalArgumentException(
          "rounds, images per round, steps and batch must be positive");
    }
    if (crop < 32 || crop % 16 != 0) {
      throw new IllegalArgumentException("crop must be a multiple of 16 and >= 32: " + crop);
    }
    if (candidates != 0 && candidates < perRound) {
      throw new IllegalArgumentException(
          "candidates must be 0 (all) or at least the images per round");
    }
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("give at least one seed");
    }
    seeds = List.copyOf(seeds);
  }
}
