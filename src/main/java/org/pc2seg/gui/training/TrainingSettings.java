package org.pc2seg.gui.training;

import java.util.ArrayList;
import java.util.List;
import org.pc2seg.ml.model.Backbone;
import org.pc2seg.ml.sampling.SamplingScheme;

/**
 * The training knobs the settings dialog edits, with presets for CPU and GPU. The window turns them
 * into the engine's training config when Train is pressed.
 *
 * @param method "pc2seg" (semi-supervised) or "supervised" (labeled images only)
 * @param sampling negative sampling scheme
 * @param cutMix probability that an unlabeled image's strong view gets a rectangle of another
 *     unlabeled image pasted in (CutMix; 0: off)
 * @param steps optimisation steps per run
 * @param labeledBatch labeled images per step
 * @param unlabeledBatch unlabeled images per step
 * @param crop training crop size in pixels
 * @param maxSide working size: images with a longer side are shrunk to it for training and
 *     prediction (0: full resolution)
 * @param backbone the encoder network ({@code mobilenetv2}, from ImageNet weights; {@code
 *     resnet18}, {@code resnet34}, {@code resnet50}, {@code resnet101}, from random weights)
 * @param learningRate initial learning rate
 * @param threads native threads for training (leave cores for the UI)
 * @param device "auto", "cpu" or "gpu"
 * @param validateEvery steps between validations (0: only at the end)
 * @param checkpointEvery steps between checkpoints (0: only at the end)
 * @param seed random seed
 */
public record TrainingSettings(
    String method,
    SamplingScheme sampling,
    double cutMix,
    int steps,
    int labeledBatch,
    int unlabeledBatch,
    int crop,
    int maxSide,
    String backbone,
    double learningRate,
    int threads,
    String device,
    int validateEvery,
    int checkpointEvery,
    long seed) {

  /**
   * CutMix in both presets: with the ImageNet-pretrained encoder it took PC²Seg from level with
   * supervised training to 7 mIoU points above it on an outside dataset with 6 labeled images, and
   * to 13 with 3 (docs/experiment-java-texture-mosaic.md, session 19).
   */
  public static final double DEFAULT_CUTMIX = 1.0;

  /**
   * Small and quick, for a laptop CPU: useful predictions on the sample within minutes. {@code
   * -Dpc2seg.train.steps=N} changes its step count (demos, benchmarks).
   */
  public static TrainingSettings cpuPreset() {
    int cores = Runtime.getRuntime().availableProcessors();
    int steps = Integer.getInteger("pc2seg.train.steps", 300);
    return new TrainingSettings(
        "pc2seg",
        SamplingScheme.DIFF_IMAGE_DEBIASED,
        DEFAULT_CUTMIX,
        steps,
        4,
        4,
        128,
        org.pc2seg.ml.train.TrainConfig.DEFAULT_MAX_SIDE,
        "mobilenetv2", // starts from the ImageNet weights that come with the app
        0.001,
        Math.max(1, cores - 1),
        "cpu",
        Math.max(5, Math.min(50, steps / 5)),
        Math.max(5, Math.min(50, steps / 5)), // each checkpoint previews the visible image
        42);
  }

  /** Larger batches and crops, more steps, for a CUDA GPU. */
  public static TrainingSettings gpuPreset() {
    return new TrainingSettings(
        "pc2seg",
        SamplingScheme.DIFF_IMAGE_DEBIASED,
        DEFAULT_CUTMIX,
        4000,
        8,
        8,
        320,
        org.pc2seg.ml.train.TrainConfig.DEFAULT_MAX_SIDE,
        "mobilenetv2", // starts from the ImageNet weights that come with the app
        0.001,
        2,
        "gpu",
        250,
        500,
        42);
  }

  /** Problems with the values, each naming the setting; empty when valid. */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    if (!method.equals("pc2seg") && !method.equals("supervised")) {
      p.add("method must be pc2seg or supervised, not '" + method + "'");
    }
    if (sampling == null) {
      p.add("sampling scheme is missing");
    }
    if (!(cutMix >= 0 && cutMix <= 1)) {
      p.add("CutMix probability must be between 0 and 1 (was " + cutMix + ")");
    }
    if (steps < 1) {
      p.add("steps must be at least 1");
    }
    if (labeledBatch < 1) {
      p.add("labeled batch must be at least 1");
    }
    if (unlabeledBatch < 0 || (method.equals("pc2seg") && unlabeledBatch < 1)) {
      p.add("unlabeled batch must be at least 1 for pc2seg");
    }
    if (crop < 32 || crop % 16 != 0) {
      p.add("crop must be a multiple of 16, at least 32 (was " + crop + ")");
    }
    if (maxSide != 0 && maxSide < crop) {
      p.add(
          "max. image side must be 0 (full resolution) or at least the crop (was " + maxSide + ")");
    }
    try {
      Backbone.parse(backbone == null ? "" : backbone);
    } catch (IllegalArgumentException e) {
      p.add("backbone: " + e.getMessage());
    }
    if (!(learningRate > 0) || learningRate > 1) {
      p.add("learning rate must be in (0, 1] (was " + learningRate + ")");
    }
    if (threads < 1) {
      p.add("threads must be at least 1");
    }
    if (!List.of("auto", "cpu", "gpu").contains(device)) {
      p.add("device must be auto, cpu or gpu, not '" + device + "'");
    }
    if (validateEvery < 0 || checkpointEvery < 0) {
      p.add("validation and checkpoint intervals must not be negative");
    }
    return p;
  }

  /** A copy with another step count (used for short fine-tuning rounds). */
  public TrainingSettings withSteps(int n) {
    return new TrainingSettings(
        method,
        sampling,
        cutMix,
        n,
        labeledBatch,
        unlabeledBatch,
        crop,
        maxSide,
        backbone,
        learningRate,
        threads,
        device,
        validateEvery,
        checkpointEvery,
        seed);
  }
}
