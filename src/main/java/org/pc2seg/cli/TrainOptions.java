package org.pc2seg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pc2seg.ml.sampling.SamplingScheme;
import org.pc2seg.ml.train.DeviceChoice;
import org.pc2seg.ml.train.Method;
import org.pc2seg.ml.train.TrainConfig;
import org.pc2seg.ml.train.TrainConfigBuilder;
import org.pc2seg.ml.train.UnlabeledBatchNorm;
import picocli.CommandLine.Option;

/** Training knobs shared by {@code train} and {@code experiment}; unset options keep defaults. */
public final class TrainOptions {
  @Option(names = "--config", description = "start from a config JSON (e.g. a run's config.json)")
  Path config;

  @Option(names = "--method", description = "pc2seg (default) or supervised")
  String method;

  @Option(
      names = "--sampling",
      description = "uniform, diff-image, debiased, diff-image-debiased (default)")
  String sampling;

  @Option(names = "--steps", description = "training steps (default 400)")
  Integer steps;

  @Option(names = "--batch", description = "labeled images per step (default 4)")
  Integer batch;

  @Option(names = "--batch-unlabeled", description = "unlabeled images per step (default 4)")
  Integer batchUnlabeled;

  @Option(names = "--crop", description = "crop size, multiple of 16 (default 128)")
  Integer crop;

  @Option(
      names = "--max-side",
      description =
          "working size: images with a longer side are shrunk to it for training, validation and"
              + " prediction (default 1024; 0 = full resolution)")
  Integer maxSide;

  @Option(
      names = "--backbone",
      description = "resnet18 (default), resnet34, resnet50, resnet101, mobilenetv2")
  String backbone;

  @Option(names = "--output-stride", description = "16 (default) or 8")
  Integer outputStride;

  @Option(names = "--width", description = "ASPP/decoder channels, a multiple of 16 (default 128)")
  Integer width;

  @Option(names = "--proj-dim", description = "projection dimension D (default 64)")
  Integer projDim;

  @Option(
      names = "--init-weights",
      description =
          "local .params or .safetensors file with full or backbone weights; 'imagenet': the"
              + " ImageNet weights that come with the app (mobilenetv2, its default); 'none':"
              + " random weights")
  String initWeights;

  @Option(names = "--lr", description = "peak AdamW learning rate (default 1e-3)")
  Double lr;

  @Option(
      names = "--grad-clip",
      description =
          "largest global gradient norm, larger ones are scaled down (default 1.0; 0 = off)")
  Double gradClip;

  @Option(names = "--lambda1", description = "contrastive loss weight λ1 (default 0.1)")
  Double lambda1;

  @Option(names = "--lambda2", description = "consistency loss weight λ2 (default 1.0)")
  Double lambda2;

  @Option(names = "--tau", description = "InfoNCE temperature τ (default 0.1)")
  Double tau;

  @Option(names = "--anchors", description = "anchors M per step (default 512)")
  Integer anchors;

  @Option(names = "--negatives", description = "negatives N per anchor (default 128)")
  Integer negatives;

  @Option(
      names = "--labeled-candidates",
      description =
          "labeled pixels per step, with their painted class, added to the negative candidates"
              + " (default 0)")
  Integer labeledCandidates;

  @Option(names = "--warmup", description = "steps to ramp the unlabeled losses (default 60)")
  Integer warmup;

  @Option(names = "--conf-threshold", description = "skip unlabeled pixels below (default 0)")
  Double confThreshold;

  @Option(
      names = "--sharpen",
      description = "temperature T < 1 sharpens the weak-view consistency target (default 1 = off)")
  Double sharpen;

  @Option(
      names = "--cutmix",
      description =
          "probability of pasting another unlabeled image's rectangle into a strong view"
              + " (default 0 = off; 1.0 with --backbone mobilenetv2 is the GUI's recipe)")
  Double cutMix;

  @Option(
      names = "--unlabeled-bn",
      description =
          "auto (default: shared below 12 labeled images, separate from 12 on), shared"
              + " (labeled and strong views in one batch, all images in the batch-norm"
              + " statistics) or separate (labeled images alone set them)")
  String unlabeledBn;

  @Option(names = "--seed", description = "random seed (default 42)")
  Long seed;

  @Option(names = "--threads", description = "engine threads (default 2)")
  Integer threads;

  @Option(names = "--device", description = "auto (default), cpu, gpu")
  String device;

  @Option(names = "--checkpoint-every", description = "steps between checkpoints (default 100)")
  Integer checkpointEvery;

  @Option(names = "--val-every", description = "steps between validations (default 100)")
  Integer valEvery;

  /** The config: defaults (or --config), then every given option. */
  public TrainConfig toConfig() throws IOException {
    TrainConfig base =
        config == null ? TrainConfig.defaults() : TrainConfig.fromJson(Files.readString(config));
    TrainConfigBuilder b = base.toBuilder();
    if (method != null) {
      b.optMethod(Method.parse(method));
    }
    if (sampling != null) {
      b.optSampling(SamplingScheme.parse(sampling));
    }
    if (steps != null) {
      b.optSteps(steps);
    }
    if (batch != null) {
      b.optBatchLabeled(batch);
      if (batchUnlabeled == null) {
        b.optBatchUnlabeled(batch);
      }
    }
    if (batchUnlabeled != null) {
      b.optBatchUnlabeled(batchUnlabeled);
    }
    if (crop != null) {
      b.optCrop(crop);
    }
    if (maxSide != null) {
      b.optResizeLongSide(maxSide);
    }
    if (backbone != null) {
      b.optBackbone(backbone);
    }
    if (outputStride != null) {
      b.optOutputStride(outputStride);
    }
    if (width != null) {
      b.optWidth(width);
    }
    if (projDim != null) {
      b.optProjectionDim(projDim);
    }
    if (initWeights != null) {
      b.optInitWeights(initWeights.equals("none") ? null : initWeights);
    } else if (backbone != null) {
      b.optBundledWeightsIfAny(); // a MobileNetV2 starts from its ImageNet weights
    }
    if (lr != null) {
      b.optLearningRate(lr);
    }
    if (gradClip != null) {
      b.optGradClip(gradClip);
    }
    if (lambda1 != null) {
      b.optLambdaContrastive(lambda1);
    }
    if (lambda2 != null) {
      b.optLambdaConsistency(lambda2);
    }
    if (tau != null) {
      b.optTemperature(tau);
    }
    if (anchors != null) {
      b.optAnchors(anchors);
    }
    if (negatives != null) {
      b.optNegatives(negatives);
    }
    if (labeledCandidates != null) {
      b.optLabeledCandidates(labeledCandidates);
    }
    if (warmup != null) {
      b.optUnlabeledWarmupSteps(warmup);
    }
    if (confThreshold != null) {
      b.optConfidenceThreshold(confThreshold);
    }
    if (sharpen != null) {
      b.optSharpen(sharpen);
    }
    if (cutMix != null) {
      b.optCutMix(cutMix);
    }
    if (unlabeledBn != null) {
      b.optUnlabeledBatchNorm(UnlabeledBatchNorm.parse(unlabeledBn));
    }
    if (seed != null) {
      b.optSeed(seed);
    }
    if (threads != null) {
      b.optThreads(threads);
    }
    if (device != null) {
      b.optDevice(DeviceChoice.parse(device));
    }
    if (checkpointEvery != null) {
      b.optCheckpointEvery(checkpointEvery);
    }
    if (valEvery != null) {
      b.optValEvery(valEvery);
    }
    return b.build();
  }
}
