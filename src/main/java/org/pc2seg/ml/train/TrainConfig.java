package org.pc2seg.ml.train;

import org.pc2seg.ml.data.AugmentConfig;
import org.pc2seg.ml.sampling.SamplingScheme;

/**
 * Every knob of a training run, with documented defaults; immutable (its fields are set only by
 * {@link TrainConfigBuilder} and the JSON reader of this package), built with {@link #builder()},
 * written beside the weights as JSON ({@link #toJson()} / {@link #fromJson(String)}) so a run can
 * be repeated exactly.
 */
public final class TrainConfig {
  /** Default working size (long side, pixels): larger photos train and predict at this size. */
  public static final int DEFAULT_MAX_SIDE = 1024;

  // Method
  Method method = Method.PC2SEG;
  SamplingScheme sampling = SamplingScheme.DIFF_IMAGE_DEBIASED;
  // Network
  String backbone = "resnet18";
  int outputStride = 16;
  int width = 128;
  int projectionDim = 64;
  String initWeights;
  // Schedule
  int steps = 400;
  int batchLabeled = 4;
  int batchUnlabeled = 4;
  int crop = 128;
  int resizeLongSide = DEFAULT_MAX_SIDE;
  double learningRate = 1e-3;
  double weightDecay = 1e-4;
  int lrWarmupSteps = 20;
  double gradClip = 1.0;
  // PC²Seg
  double lambdaContrastive = 0.1;
  double lambdaConsistency = 1.0;
  double temperature = 0.1;
  int anchors = 512;
  int negatives = 128;
  int labeledCandidates;
  int unlabeledWarmupSteps = 60;
  double confidenceThreshold;
  double sharpen = 1.0;
  double cutMix;
  // Set by builder() and defaults(); null after reading JSON written before the field existed
  UnlabeledBatchNorm unlabeledBatchNorm;
  // Run
  long seed = 42;
  int threads = 2;
  int dataWorkers = 2;
  DeviceChoice device = DeviceChoice.AUTO;
  int checkpointEvery = 100;
  int valEvery = 100;
  AugmentConfig augment = AugmentConfig.defaults();

  private TrainConfig() {}

  /** A builder starting from the defaults. */
  public static TrainConfigBuilder builder() {
    return new TrainConfigBuilder(defaults());
  }

  /** A builder starting from this config. */
  public TrainConfigBuilder toBuilder() {
    return new TrainConfigBuilder(copy());
  }

  /** The defaults. */
  public static TrainConfig defaults() {
    TrainConfig c = new TrainConfig();
    c.unlabeledBatchNorm = UnlabeledBatchNorm.AUTO;
    return c;
  }

  TrainConfig copy() {
    return fromJson(toJson());
  }

  /** Pretty JSON of every field. */
  public String toJson() {
    return TrainConfigJson.write(this);
  }

  /** Parses JSON written by {@link #toJson()}; missing fields keep their defaults. */
  public static TrainConfig fromJson(String json) {
    return TrainConfigJson.read(json);
  }

  /**
   * Gives fields that JSON left null their defaults; a config without {@code unlabeledBatchNorm}
   * was written before that setting existed, by a build that shared batch norms, so it gets {@link
   * UnlabeledBatchNorm#SHARED} and an old run resumes as it started.
   */
  void fillMissingDefaults() {
    if (augment == null) {
      augment = AugmentConfig.defaults();
    }
    if (unlabeledBatchNorm == null) {
      unlabeledBatchNorm = UnlabeledBatchNorm.SHARED;
    }
  }

  /** The network architecture for K classes. */
  public org.pc2seg.ml.model.ModelConfig modelConfig(int numClasses) {
    return new org.pc2seg.ml.model.ModelConfig(
        org.pc2seg.ml.model.Backbone.parse(backbone),
        outputStride,
        numClasses,
        width,
        width,
        projectionDim);
  }

  /** pc2seg (default) or supervised. */
  public Method method() {
    return method;
  }

  /** Negative sampling distribution (default diff-image-debiased, the paper's). */
  public SamplingScheme sampling() {
    return sampling;
  }

  /** resnet18 (default), resnet34, resnet50, resnet101. */
  public String backbone() {
    return backbone;
  }

  /** 16 (default) or 8. */
  public int outputStride() {
    return outputStride;
  }

  /** ASPP and decoder width (default 128). */
  public int width() {
    return width;
  }

  /** Projection dimension D (default 64). */
  public int projectionDim() {
    return projectionDim;
  }

  /** Optional local .params file with backbone or full weights; null = random init. */
  public String initWeights() {
    return initWeights;
  }

  /** Optimisation steps (default 400). */
  public int steps() {
    return steps;
  }

  /** Labeled images per step (default 4). */
  public int batchLabeled() {
    return batchLabeled;
  }

  /** Unlabeled images per step (default 4; unused by supervised). */
  public int batchUnlabeled() {
    return batchUnlabeled;
  }

  /** Crop side (default 128, multiple of 16). */
  public int crop() {
    return crop;
  }

  /**
   * The working size: images whose long side is larger are shrunk to it, with their masks, for
   * training and validation, and predicted at it (the probabilities are scaled back up to the
   * image). 0 keeps every image at full resolution (the value in runs made before this setting).
   */
  public int resizeLongSide() {
    return resizeLongSide;
  }

  /** Peak AdamW learning rate (default 1e-3; poly decay 0.9 after a linear warm-up). */
  public double learningRate() {
    return learningRate;
  }

  /** AdamW decoupled weight decay (default 1e-4). */
  public double weightDecay() {
    return weightDecay;
  }

  /** Linear learning-rate warm-up steps (default 20). */
  public int lrWarmupSteps() {
    return lrWarmupSteps;
  }

  /**
   * Largest global L2 norm of the gradient; larger gradients are scaled down to it before the
   * update (default 1.0; 0 = no clipping).
   */
  public double gradClip() {
    return gradClip;
  }

  /** λ1, weight of the pixel contrastive loss (default 0.1). */
  public double lambdaContrastive() {
    return lambdaContrastive;
  }

  /** λ2, weight of the consistency loss (default 1.0). */
  public double lambdaConsistency() {
    return lambdaConsistency;
  }

  /** τ, InfoNCE temperature (default 0.1). */
  public double temperature() {
    return temperature;
  }

  /** M, anchor pixels sampled per step (default 512). */
  public int anchors() {
    return anchors;
  }

  /** N, negatives per anchor (default 128). */
  public int negatives() {
    return negatives;
  }

  /**
   * L labeled pixels of the mini-batch, with their painted class as ŷ, that join the M unlabeled
   * pixels as negative candidates (default 0 = unlabeled pixels only).
   */
  public int labeledCandidates() {
    return labeledCandidates;
  }

  /** Steps over which the unlabeled losses ramp up (exp(-5(1-t)^2)) from 0 (default 60). */
  public int unlabeledWarmupSteps() {
    return unlabeledWarmupSteps;
  }

  /** Unlabeled pixels whose weak max probability is below this are skipped (default 0 = off). */
  public double confidenceThreshold() {
    return confidenceThreshold;
  }

  /**
   * Temperature T of the consistency target softmax(weak logits / T); below 1 it sharpens the weak
   * view's prediction (default 1 = off, the paper's target).
   */
  public double sharpen() {
    return sharpen;
  }

  /**
   * Probability that an unlabeled image's strong view gets a rectangle of another unlabeled image
   * pasted in (CutMix; its weak-view target mixed the same way), default 0 = off.
   */
  public double cutMix() {
    return cutMix;
  }

  /**
   * How the unlabeled views pass through batch norm (default {@link UnlabeledBatchNorm#AUTO}:
   * shared with few labeled images, separate from {@link UnlabeledBatchNorm#SEPARATE_FROM} on; a
   * config.json written before the setting existed reads as {@link UnlabeledBatchNorm#SHARED}).
   */
  public UnlabeledBatchNorm unlabeledBatchNorm() {
    return unlabeledBatchNorm;
  }

  /** Seed for initialisation, batches, augmentation and sampling (default 42). */
  public long seed() {
    return seed;
  }

  /** Intra-op threads of the engine (default 2). */
  public int threads() {
    return threads;
  }

  /** Data-loading worker threads (default 2). */
  public int dataWorkers() {
    return dataWorkers;
  }

  /** auto (default), cpu or gpu. */
  public DeviceChoice device() {
    return device;
  }

  /** Write a resumable checkpoint every K steps (default 100; 0 = only at the end). */
  public int checkpointEvery() {
    return checkpointEvery;
  }

  /** Validate every K steps (default 100; 0 = only at the end). */
  public int valEvery() {
    return valEvery;
  }

  /** Augmentation settings. */
  public AugmentConfig augment() {
    return augment;
  }
}
