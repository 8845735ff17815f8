package org.pc2seg.ml.model;

import java.util.Locale;

/**
 * The encoders usable in DeepLabv3+: ResNets (torchvision layout, "v1.5" strides) and MobileNetV2
 * (Keras layout, for which ImageNet weights are at hand: see {@link MobileNetV2Backbone}).
 */
public enum Backbone {
  /** ResNet-18: basic blocks, [2, 2, 2, 2]. */
  RESNET18("resnet18", false, new int[] {2, 2, 2, 2}),
  /** ResNet-34: basic blocks, [3, 4, 6, 3]. */
  RESNET34("resnet34", false, new int[] {3, 4, 6, 3}),
  /** ResNet-50: bottleneck blocks, [3, 4, 6, 3]. */
  RESNET50("resnet50", true, new int[] {3, 4, 6, 3}),
  /** ResNet-101: bottleneck blocks, [3, 4, 23, 3]. */
  RESNET101("resnet101", true, new int[] {3, 4, 23, 3}),
  /** MobileNetV2, width 1.0: 17 inverted residual blocks, depthwise 3x3 convs, ReLU6. */
  MOBILENETV2("mobilenetv2", false, new int[0]);

  private final String cliName;
  private final boolean bottleneck;
  private final int[] units;

  Backbone(String cliName, boolean bottleneck, int[] units) {
    this.cliName = cliName;
    this.bottleneck = bottleneck;
    this.units = units;
  }

  /** The name used on the command line and in JSON ({@code resnet18}, ...). */
  public String cliName() {
    return cliName;
  }

  /** Whether this is a ResNet (else MobileNetV2). */
  public boolean resNet() {
    return units.length == 4;
  }

  /** Whether the residual units are bottlenecks (1x1-3x3-1x1, expansion 4). */
  public boolean bottleneck() {
    return bottleneck;
  }

  /** Number of residual units in stage {@code stage} (0..3). */
  public int units(int stage) {
    return units[stage];
  }

  /** Channels of a stage's output: 64·2^stage, times 4 for bottlenecks. */
  public int stageChannels(int stage) {
    return (64 << stage) * (bottleneck ? 4 : 1);
  }

  /** Channels of the stride-4 (low-level) features fed to the decoder. */
  public int lowLevelChannels() {
    return resNet() ? stageChannels(0) : MobileNetV2Backbone.lowLevelChannels();
  }

  /** Channels of the last stage, fed to ASPP. */
  public int outChannels() {
    return resNet() ? stageChannels(3) : MobileNetV2Backbone.outChannels();
  }

  /** Parses {@code resnet18}, {@code RESNET18}, {@code 18}, ... */
  public static Backbone parse(String s) {
    String n = s.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    for (Backbone b : values()) {
      if (b.cliName.equals(n) || b.cliName.equals("resnet" + n) || b.cliName.equals(n + "v2")) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "unknown backbone '" + s + "' (resnet18, resnet34, resnet50, resnet101, mobilenetv2)");
  }

  @Override
  public String toString() {
    return cliName;
  }
}
