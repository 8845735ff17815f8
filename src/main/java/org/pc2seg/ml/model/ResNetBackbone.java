package org.pc2seg.ml.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * ResNet encoder that returns two feature maps: the stride-4 output of stage 1 (for the decoder)
 * and the output of stage 4 at the output stride (16 or 8; later stages dilated instead of strided,
 * as torchvision's {@code replace_stride_with_dilation}).
 *
 * <p>Input: NDList(x: B×3×H×W). Output: NDList(low: B×C1×⌈H/4⌉×⌈W/4⌉, high: B×C4×H/os×W/os).
 */
public final class ResNetBackbone extends AbstractBlock {

  private static final byte VERSION = 1;

  private final Backbone variant;
  private final int outputStride;
  private final Block stem;
  private final Block[] stages = new Block[4];

  /**
   * Creates the encoder.
   *
   * @param variant which ResNet
   * @param outputStride 16 (stage 4 dilated) or 8 (stages 3 and 4 dilated)
   */
  public ResNetBackbone(Backbone variant, int outputStride) {
    super(VERSION);
    if (outputStride != 16 && outputStride != 8) {
      throw new IllegalArgumentException("output stride must be 16 or 8, got " + outputStride);
    }
    this.variant = variant;
    this.outputStride = outputStride;
    stem =
        addChildBlock(
            "stem",
            new Chain()
                .add(ConvLayer.convBnRelu(64, 7, 2, 1))
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1))));
    int inChannels = 64;
    int dilation = 1;
    for (int s = 0; s < 4; s++) {
      boolean dilate = (s == 3) || (s == 2 && outputStride == 8);
      int stride = s == 0 ? 1 : 2;
      int previousDilation = dilation;
      if (dilate) {
        dilation *= stride;
        stride = 1;
      }
      int width = 64 << s;
      Chain stage = new Chain();
      for (int u = 0; u < variant.units(s); u++) {
        stage.add(
            new ResidualUnit(
                variant.bottleneck(),
                width,
                u == 0 ? inChannels : variant.stageChannels(s),
                u == 0 ? stride : 1,
                u == 0 ? previousDilation : dilation));
      }
      inChannels = variant.stageChannels(s);
      stages[s] = addChildBlock("layer" + (s + 1), stage);
    }
  }

  /** The stem's 7x7 conv layer (for weight import). */
  ConvLayer stemLayer() {
    return (ConvLayer) ((Chain) stem).blocks().get(0);
  }

  /** The residual units of stage {@code s} (0..3), in order (for weight import). */
  java.util.List<ResidualUnit> units(int s) {
    return ((Chain) stages[s]).blocksAs(ResidualUnit.class);
  }

  /** The ResNet variant. */
  public Backbone variant() {
    return variant;
  }

  /** The output stride of the high-level features (16 or 8). */
  public int outputStride() {
    return outputStride;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList x = stem.forward(ps, inputs, training, params);
    NDList low = stages[0].forward(ps, x, training, params);
    x.close();
    NDList h = low;
    for (int s = 1; s < 4; s++) {
      NDList next = stages[s].forward(ps, h, training, params);
      if (h != low) {
        h.close();
      }
      h = next;
    }
    return new NDList(low.head(), h.head());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    long h4 = ceilDiv(ceilDiv(in.get(2), 2), 2);
    long w4 = ceilDiv(ceilDiv(in.get(3), 2), 2);
    long hs = h4;
    long ws = w4;
    for (int f = 4; f < outputStride; f *= 2) {
      hs = ceilDiv(hs, 2);
      ws = ceilDiv(ws, 2);
    }
    return new Shape[] {
      new Shape(in.get(0), variant.lowLevelChannels(), h4, w4),
      new Shape(in.get(0), variant.outChannels(), hs, ws)
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape[] shapes = inputShapes;
    stem.initialize(manager, dataType, shapes);
    shapes = stem.getOutputShapes(shapes);
    for (Block stage : stages) {
      stage.initialize(manager, dataType, shapes);
      shapes = stage.getOutputShapes(shapes);
    }
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
