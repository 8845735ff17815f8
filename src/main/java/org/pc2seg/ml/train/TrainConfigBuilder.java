package org.pc2seg.ml.train;

import org.pc2seg.ml.data.AugmentConfig;
import org.pc2seg.ml.sampling.SamplingScheme;

/**
 * Builds a {@link TrainConfig} from the defaults ({@link TrainConfig#builder()}) or from another
 * config ({@link TrainConfig#toBuilder()}); each {@code opt} method sets the knob of the same name
 * documented on {@link TrainConfig}, and {@link #build()} validates.
 */
public final class TrainConfigBuilder {
  private final TrainConfig c;

  TrainConfigBuilder(TrainConfig c) {
    this.c = c;
  }

  public TrainConfigBuilder optMethod(Method v) {
    c.method = v;
    return this;
  }

  public TrainConfigBuilder optSampling(SamplingScheme v) {
    c.sampling = v;
    return this;
  }

  public TrainConfigBuilder optBackbone(String v) {
    c.backbone = v;
    return this;
  }

  public TrainConfigBuilder optOutputStride(int v) {
    c.outputStride = v;
    return this;
  }

  public TrainConfigBuilder optWidth(int v) {
    c.width = v;
    return this;
  }

  public TrainConfigBuilder optProjectionDim(int v) {
    c.projectionDim = v;
    return this;
  }

  public TrainConfigBuilder optInitWeights(String v) {
    c.initWeights = v;
    return this;
  }

  /**
   * Starts the backbone set so far from the ImageNet weights bundled with the app where there are
   * some (MobileNetV2); leaves the initial weights as they are otherwise.
   */
  public TrainConfigBuilder optBundledWeightsIfAny() {
    if (org.pc2seg.ml.model.PretrainedWeights.bundled(
        org.pc2seg.ml.model.Backbone.parse(c.backbone))) {
      c.initWeights = org.pc2seg.ml.model.PretrainedWeights.BUNDLED;
    }
    return this;
  }

  public TrainConfigBuilder optSteps(int v) {
    c.steps = v;
    return this;
  }

  public TrainConfigBuilder optBatchLabeled(int v) {
    c.batchLabeled = v;
    return this;
  }

  public TrainConfigBuilder optBatchUnlabeled(int v) {
    c.batchUnlabeled = v;
    return this;
  }

  public TrainConfigBuilder optCrop(int v) {
    c.crop = v;
    return this;
  }

  public TrainConfigBuilder optResizeLongSide(int v) {
    c.resizeLongSide = v;
    return this;
  }

  public TrainConfigBuilder optLearningRate(double v) {
    c.learningRate = v;
    return this;
  }

  public TrainConfigBuilder optWeightDecay(double v) {
    c.weightDecay = v;
    return this;
  }

  public TrainConfigBuilder optLrWarmupSteps(int v) {
    c.lrWarmupSteps = v;
    return this;
  }

  public TrainConfigBuilder optGradClip(double v) {
    c.gradClip = v;
    return this;
  }

  public TrainConfigBuilder optLambdaContrastive(double v) {
    c.lambdaContrastive = v;
    return this;
  }

  public TrainConfigBuilder optLambdaConsistency(double v) {
    c.lambdaConsistency = v;
    return this;
  }

  public TrainConfigBuilder optTemperature(double v) {
    c.temperature = v;
    return this;
  }

  public TrainConfigBuilder optAnchors(int v) {
    c.anchors = v;
    return this;
  }

  public TrainConfigBuilder optNegatives(int v) {
    c.negatives = v;
    return this;
  }

  public TrainConfigBuilder optLabeledCandidates(int v) {
    c.labeledCandidates = v;
    return this;
  }

  public TrainConfigBuilder optUnlabeledWarmupSteps(int v) {
    c.unlabeledWarmupSteps = v;
    return this;
  }

  public TrainConfigBuilder optConfidenceThreshold(double v) {
    c.confidenceThreshold = v;
    return this;
  }

  public TrainConfigBuilder optSharpen(double v) {
    c.sharpen = v;
    return this;
  }

  public TrainConfigBuilder optCutMix(double v) {
    c.cutMix = v;
    return this;
  }

  public TrainConfigBuilder optUnlabeledBatchNorm(UnlabeledBatchNorm v) {
    c.unlabeledBatchNorm = v;
    return this;
  }

  public TrainConfigBuilder optSeed(long v) {
    c.seed = v;
    return this;
  }

  public TrainConfigBuilder optThreads(int v) {
    c.threads = v;
    return this;
  }

  public TrainConfigBuilder optDataWorkers(int v) {
    c.dataWorkers = v;
    return this;
  }

  public TrainConfigBuilder optDevice(DeviceChoice v) {
    c.device = v;
    return this;
  }

  public TrainConfigBuilder optCheckpointEvery(int v) {
    c.checkpointEvery = v;
    return this;
  }

  public TrainConfigBuilder optValEvery(int v) {
    c.valEvery = v;
    return this;
  }

  public TrainConfigBuilder optAugment(AugmentConfig v) {
    c.augment = v;
    return this;
  }

  public TrainConfig build() {
    TrainConfigValidation.validate(c);
    return c.copy();
  }
}
