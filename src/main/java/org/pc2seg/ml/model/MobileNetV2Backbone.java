package org.pc2seg.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.pc2seg.ml.data.ImageTensors;

/**
 * MobileNetV2 (width 1.0) as the DeepLabv3+ encoder, laid out as Keras's {@code
 * keras.applications.MobileNetV2} so that its ImageNet weights load ({@link PretrainedWeights}).
 * Returns the stride-4 output of block 2 (24 channels) for the decoder and the output of block 16
 * (320 channels) at the output stride, later blocks dilated instead of strided as in DeepLab's own
 * MobileNetV2 encoder; Keras's top 1x1 conv (1280 channels) is left out.
 *
 * <p>The model's input is normalised with ImageNet's mean and standard deviation (torchvision's
 * convention, {@link ImageTensors}); Keras's MobileNetV2 was trained on RGB scaled to [−1, 1], so
 * the encoder maps one to the other first.
 */
public final class MobileNetV2Backbone extends AbstractBlock {

  private static final byte VERSION = 1;

  /** Per block: expansion t, output channels c, stride s (Sandler et al., table 2). */
  private static final int[][] BLOCKS = {
    {1, 16, 1},
    {6, 24, 2},
    {6, 24, 1},
    {6, 32, 2},
    {6, 32, 1},
    {6, 32, 1},
    {6, 64, 2},
    {6, 64, 1},
    {6, 64, 1},
    {6, 64, 1},
    {6, 96, 1},
    {6, 96, 1},
    {6, 96, 1},
    {6, 160, 2},
    {6, 160, 1},
    {6, 160, 1},
    {6, 320, 1}
  };

  /** The block whose output is the stride-4 (low-level) feature map. */
  private static final int LOW_LEVEL_BLOCK = 2;

  /** Channels of the stem conv. */
  static final int STEM_CHANNELS = 32;

  private final int outputStride;
  private final ConvLayer stem;
  private final List<InvertedResidual> blocks = new ArrayList<>();
  private final Block low;
  private final Block high;

  /**
   * Creates the encoder.
   *
   * @param outputStride 16 (blocks 13–16 dilated) or 8 (blocks 6–16 dilated)
   */
  public MobileNetV2Backbone(int outputStride) {
    super(VERSION);
    if (outputStride != 16 && outputStride != 8) {
      throw new IllegalArgumentException("output stride must be 16 or 8, got " + outputStride);
    }
    this.outputStride = outputStride;
    stem = addChildBlock("stem", ConvLayer.mobileNet(STEM_CHANNELS, 3, 2, 1, false, true));
    Chain lowChain = new Chain();
    Chain highChain = new Chain();
    int in = STEM_CHANNELS;
    int currentStride = 2;
    int dilation = 1;
    for (int i = 0; i < BLOCKS.length; i++) {
      int stride = BLOCKS[i][2];
      int blockDilation = dilation;
      if (stride == 2 && currentStride == outputStride) {
        stride = 1;
        dilation *= 2; // the block that would have strided keeps the rate before it
      } else {
        currentStride *= stride;
      }
      InvertedResidual b =
          new InvertedResidual(in, BLOCKS[i][0], BLOCKS[i][1], stride, blockDilation);
      blocks.add(b);
      (i <= LOW_LEVEL_BLOCK ? lowChain : highChain).add(b);
      in = BLOCKS[i][1];
    }
    low = addChildBlock("low", lowChain);
    high = addChildBlock("high", highChain);
  }

  /** Channels of the stride-4 features. */
  public static int lowLevelChannels() {
    return BLOCKS[LOW_LEVEL_BLOCK][1];
  }

  /** Channels of the features fed to ASPP. */
  public static int outChannels() {
    return BLOCKS[BLOCKS.length - 1][1];
  }

  /** The stem conv layer (for weight import). */
  ConvLayer stemLayer() {
    return stem;
  }

  /** The 17 inverted residual blocks in order, block 0 first (for weight import). */
  List<InvertedResidual> blocks() {
    return blocks;
  }

  /** The output stride of the high-level features (16 or 8). */
  public int outputStride() {
    return outputStride;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray scaled = kerasInput(inputs.head());
    NDList s = stem.forward(ps, new NDList(scaled), training, params);
    scaled.close();
    NDList l = low.forward(ps, s, training, params);
    s.close();
    NDList h = high.forward(ps, l, training, params);
    return new NDList(l.head(), h.head());
  }

  /** An ImageNet-normalised B×3×H×W input in Keras's [−1, 1] scale: 2·(x·std + mean) − 1. */
  static NDArray kerasInput(NDArray x) {
    try (NDArray scale = channelConstants(x, true);
        NDArray shift = channelConstants(x, false);
        NDArray times = x.mul(scale)) {
      return times.add(shift);
    }
  }

  /**
   * Per RGB channel, the scale (2·std) or the shift (2·mean − 1) that turn an ImageNet-normalised x
   * into Keras's 2·(x·std + mean) − 1.
   */
  public static float[] kerasInputAffine(boolean scale) {
    float[] v = new float[3];
    for (int c = 0; c < 3; c++) {
      v[c] = scale ? 2 * ImageTensors.STD[c] : 2 * ImageTensors.MEAN[c] - 1;
    }
    return v;
  }

  /** {@link #kerasInputAffine} as a 1×3×1×1 array beside x. */
  private static NDArray channelConstants(NDArray x, boolean scale) {
    NDManager m = x.getManager();
    return m.create(kerasInputAffine(scale), new Shape(1, 3, 1, 1)).toDevice(x.getDevice(), false);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] s = stem.getOutputShapes(inputShapes);
    Shape[] l = low.getOutputShapes(s);
    Shape[] h = high.getOutputShapes(l);
    return new Shape[] {l[0], h[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    stem.initialize(manager, dataType, inputShapes);
    Shape[] s = stem.getOutputShapes(inputShapes);
    low.initialize(manager, dataType, s);
    high.initialize(manager, dataType, low.getOutputShapes(s));
  }
}
