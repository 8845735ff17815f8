package org.pc2seg.ml.model;

import java.util.Objects;

/**
 * Everything that fixes the DeepLabv3+ architecture (and hence the weight layout). Serialisable
 * with Gson; {@link #validate()} runs in the canonical constructor.
 *
 * @param backbone the ResNet encoder
 * @param outputStride 16 or 8
 * @param numClasses number of classes K (≥ 2)
 * @param asppChannels ASPP width
 * @param decoderChannels decoder width
 * @param projectionDim dimension D of the contrastive projection
 */
public record ModelConfig(
    Backbone backbone,
    int outputStride,
    int numClasses,
    int asppChannels,
    int decoderChannels,
    int projectionDim) {

  /** Validates every field with a message naming the setting. */
  public ModelConfig {
    Objects.requireNonNull(backbone, "backbone");
    if (outputStride != 16 && outputStride != 8) {
      throw new IllegalArgumentException("output stride must be 16 or 8, got " + outputStride);
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("number of classes must be at least 2, got " + numClasses);
    }
    if (asppChannels < 1 || decoderChannels < 1 || projectionDim < 1) {
      throw new IllegalArgumentException(
          "ASPP channels, decoder channels and projection dim must be positive, got "
              + asppChannels
              + ", "
              + decoderChannels
              + ", "
              + projectionDim);
    }
  }

  /**
   * Refuses, for training, an ASPP/decoder width (the output channels of the model's configurable
   * 3x3 convolutions) that is not a multiple of 16: libtorch 2.7.1 returns a wrong input gradient
   * for a 3x3 convolution with such an output channel count (measured on the build machine, session
   * 10; {@code ConvGradientTest} watches the counts the model uses). Loading and predicting with a
   * model trained before are not affected: the forward pass is right.
   *
   * @throws IllegalArgumentException naming the width
   */
  public static void requireTrainableWidth(int width) {
    if (width < 16 || width % 16 != 0) {
      throw new IllegalArgumentException(
          "width (ASPP/decoder channels) must be a multiple of 16 to train, got "
              + width
              + ": libtorch 2.7.1 computes wrong gradients for 3x3 convolutions with other"
              + " channel counts");
    }
  }

  /** The reference configuration: ResNet-18, OS16, ASPP 128, decoder 128, D=64. */
  public static ModelConfig defaults(int numClasses) {
    return new ModelConfig(Backbone.RESNET18, 16, numClasses, 128, 128, 64);
  }

  /** Re-validates (the constructor already did; useful after Gson, which bypasses it). */
  public ModelConfig validate() {
    return new ModelConfig(
        backbone, outputStride, numClasses, asppChannels, decoderChannels, projectionDim);
  }
}
