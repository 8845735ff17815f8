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
