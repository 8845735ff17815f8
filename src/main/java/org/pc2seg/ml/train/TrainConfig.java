package org.pc2seg.ml.train;

import org.pc2seg.ml.data.AugmentConfig;
import org.pc2seg.ml.sampling.SamplingScheme;

/**
 * Every knob of a training run, with documented defaults; immutable, built with {@link #builder()},
 * written beside the weights as JSON ({@link #toJson()} / {@link #fromJson(String)}) so a run can
 * be repeated exactly.
 */
public final class TrainConfig {
  // Method
  private Method method = Method.PC2SEG;
  private SamplingScheme sampling = SamplingScheme.DIFF_IMAGE_DEBIASED;
  // Network
  private String backbone = "resnet18";
  private int outputStride = 16;
  private int width = 128;
  private int projectionDim = 64;
  private String initWeights;
  // Schedule
  private int steps = 400;
  private int batchLabeled = 4;
  private int batchUnlabeled = 4;
  private int crop = 128;
  private int resizeLongSide;
  private double learningRate = 1e-3;
  private double weightDecay = 1e-4;
  private int lrWarmupSteps = 20;
  private double gradClip = 1.0;
  // PC²Seg
  private double lambdaContrastive = 0.1;
  private double lambdaConsistency = 1.0;
  private double temperature = 0.1;
  private int anchors = 512;
  private int negatives = 128;
  private int unlabeledWarmupSteps = 60;
  private double confidenceThreshold;
  // Run
  private long seed = 42;
  private int threads = 2;
  private int dataWorkers = 2;
  private DeviceChoice device = DeviceChoice.AUTO;
  private int checkpointEvery = 100;
  private int valEvery = 100;
  private AugmentConfig augment = AugmentConfig.defaults();

  private TrainConfig() {}

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder(new TrainConfig());
  }

  /** A builder starting from this config. */
  public Builder toBuilder() {
    return new Builder(copy());
  }

  /** The defaults. */
  public static TrainConfig defaults() {
    return new TrainConfig();
  }

  private TrainConfig copy() {
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

  /** Gives fields that JSON left null their defaults. */
  void fillMissingDefaults() {
    if (augment == null) {
      augment = AugmentConfig.defaults();
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

  /** When > 0, images are scaled so their long side is this, in training and prediction. */
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

  /** Steps over which the unlabeled losses ramp up (exp(-5(1-t)^2)) from 0 (default 60). */
  public int unlabeledWarmupSteps() {
    return unlabeledWarmupSteps;
  }

  /** Unlabeled pixels whose weak max probability is below this are skipped (default 0 = off). */
  public double confidenceThreshold() {
    return confidenceThreshold;
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

  /** Builder; {@code build()} validates. */
  public static final class Builder {
    private final TrainConfig c;

    private Builder(TrainConfig c) {
      this.c = c;
    }

    public Builder optMethod(Method v) {
      c.method = v;
      return this;
    }

    public Builder optSampling(SamplingScheme v) {
      c.sampling = v;
      return this;
    }

    public Builder optBackbone(String v) {
      c.backbone = v;
      return this;
    }

    public Builder optOutputStride(int v) {
      c.outputStride = v;
      return this;
    }

    public Builder optWidth(int v) {
      c.width = v;
      return this;
    }

    public Builder optProjectionDim(int v) {
      c.projectionDim = v;
      return this;
    }

    public Builder optInitWeights(String v) {
      c.initWeights = v;
      return this;
    }

    public Builder optSteps(int v) {
      c.steps = v;
      return this;
    }

    public Builder optBatchLabeled(int v) {
      c.batchLabeled = v;
      return this;
    }

    public Builder optBatchUnlabeled(int v) {
      c.batchUnlabeled = v;
      return this;
    }

    public Builder optCrop(int v) {
      c.crop = v;
      return this;
    }

    public Builder optResizeLongSide(int v) {
      c.resizeLongSide = v;
      return this;
    }

    public Builder optLearningRate(double v) {
      c.learningRate = v;
      return this;
    }

    public Builder optWeightDecay(double v) {
      c.weightDecay = v;
      return this;
    }

    public Builder optLrWarmupSteps(int v) {
      c.lrWarmupSteps = v;
      return this;
    }

    public Builder optGradClip(double v) {
      c.gradClip = v;
      return this;
    }

    public Builder optLambdaContrastive(double v) {
      c.lambdaContrastive = v;
      return this;
    }

    public Builder optLambdaConsistency(double v) {
      c.lambdaConsistency = v;
      return this;
    }

    public Builder optTemperature(double v) {
      c.temperature = v;
      return this;
    }

    public Builder optAnchors(int v) {
      c.anchors = v;
      return this;
    }

    public Builder optNegatives(int v) {
      c.negatives = v;
      return this;
    }

    public Builder optUnlabeledWarmupSteps(int v) {
      c.unlabeledWarmupSteps = v;
      return this;
    }

    public Builder optConfidenceThreshold(double v) {
      c.confidenceThreshold = v;
      return this;
    }

    public Builder optSeed(long v) {
      c.seed = v;
      return this;
    }

    public Builder optThreads(int v) {
      c.threads = v;
      return this;
    }

    public Builder optDataWorkers(int v) {
      c.dataWorkers = v;
      return this;
    }

    public Builder optDevice(DeviceChoice v) {
      c.device = v;
      return this;
    }

    public Builder optCheckpointEvery(int v) {
      c.checkpointEvery = v;
      return this;
    }

    public Builder optValEvery(int v) {
      c.valEvery = v;
      return this;
    }

    public Builder optAugment(AugmentConfig v) {
      c.augment = v;
      return this;
    }

    public TrainConfig build() {
      TrainConfigValidation.validate(c);
      return c.copy();
    }
  }
}
