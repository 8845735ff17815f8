package org.pc2seg.ml.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * DeepLabv3+ (Chen et al., ECCV 2018) on a ResNet or MobileNetV2 encoder, with the PC²Seg
 * projection head.
 *
 * <p>Input: NDList(x: B×3×H×W float, normalised). Output NDList:
 *
 * <ol start="0">
 *   <li>{@code logits} B×K×H×W — class scores bilinearly upsampled to the input size;
 *   <li>{@code projection} B×D×⌈H/4⌉×⌈W/4⌉ — a linear 1x1 map of the decoder features,
 *       L2-normalised over channels (the z of the pixel contrastive loss);
 *   <li>{@code logitsLow} B×K×⌈H/4⌉×⌈W/4⌉ — the same class scores before upsampling, pixel-aligned
 *       with {@code projection} (used by the unlabeled losses and the negative sampler).
 * </ol>
 *
 * <p>Structure: encoder → ASPP on the stride-16/8 features → bilinear ×4 → concat with the stride-4
 * features reduced to 48 channels → two 3x3 conv+BN+ReLU (decoder channels) → 1x1 class head and
 * 1x1 projection head. Build with {@link #builder()}.
 */
public final class DeepLabV3Plus extends AbstractBlock {

  private static final byte VERSION = 1;

  /** Channels the stride-4 features are reduced to before fusion (as in the paper). */
  public static final int LOW_LEVEL_REDUCED = 48;

  private final ModelConfig config;
  private final Block backbone;
  private final Aspp aspp;
  private final Block lowReduce;
  private final Block fuse;
  private final Block classifier;
  private final Block projector;

  private DeepLabV3Plus(ModelConfig config) {
    super(VERSION);
    this.config = config;
    backbone =
        addChildBlock(
            "backbone",
            config.backbone().resNet()
                ? new ResNetBackbone(config.backbone(), config.outputStride())
                : new MobileNetV2Backbone(config.outputStride()));
    int r = config.outputStride() == 16 ? 1 : 2;
    aspp =
        addChildBlock("aspp", new Aspp(config.asppChannels(), new int[] {6 * r, 12 * r, 18 * r}));
    lowReduce = addChildBlock("lowReduce", ConvLayer.convBnRelu(LOW_LEVEL_REDUCED, 1, 1, 1));
    fuse =
        addChildBlock(
            "fuse",
            new Chain()
                .add(ConvLayer.convBnRelu(config.decoderChannels(), 3, 1, 1))
                .add(ConvLayer.convBnRelu(config.decoderChannels(), 3, 1, 1)));
    classifier = addChildBlock("classifier", Layers.conv(config.numClasses(), 1, 1, 1, true));
    projector = addChildBlock("projector", Layers.conv(config.projectionDim(), 1, 1, 1, true));
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds the block described by a config. */
  public static DeepLabV3Plus of(ModelConfig config) {
    return new DeepLabV3Plus(config);
  }

  /** The configuration this block was built from. */
  public ModelConfig config() {
    return config;
  }

  /** The encoder (e.g. to load or freeze its weights alone). */
  public Block backbone() {
    return backbone;
  }

  /**
   * Reads this block's own header from a stream positioned at its saved parameters, then the
   * encoder's parameters (the first child), leaving the heads untouched.
   */
  void loadBackboneFromFullModel(NDManager manager, DataInputStream is)
      throws IOException, MalformedModelException {
    byte loadVersion = is.readByte();
    loadMetadata(loadVersion, is);
    backbone.loadParameters(manager, is);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.head();
    if (x.getShape().dimension() != 4 || x.getShape().get(1) != 3) {
      throw new IllegalArgumentException("expected B×3×H×W input, got " + x.getShape());
    }
    long height = x.getShape().get(2);
    long width = x.getShape().get(3);
    NDList feats = backbone.forward(ps, new NDList(x), training, params);
    NDArray low = lowReduce.forward(ps, new NDList(feats.get(0)), training, params).head();
    NDArray high = aspp.forward(ps, new NDList(feats.get(1)), training, params).head();
    NDArray up = Layers.resizeBilinear(high, low.getShape().get(2), low.getShape().get(3));
    NDArray f = fuse.forward(ps, new NDList(up.concat(low, 1)), training, params).head();
    NDArray logitsLow = classifier.forward(ps, new NDList(f), training, params).head();
    NDArray z =
        projector.forward(ps, new NDList(f), training, params).head().normalize(2, 1, 1e-12);
    NDArray logits = Layers.resizeBilinear(logitsLow, height, width);
    logits.setName("logits");
    z.setName("projection");
    logitsLow.setName("logitsLow");
    return new NDList(logits, z, logitsLow);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    long b = in.get(0);
    long h4 = ResNetBackbone.ceilDiv(ResNetBackbone.ceilDiv(in.get(2), 2), 2);
    long w4 = ResNetBackbone.ceilDiv(ResNetBackbone.ceilDiv(in.get(3), 2), 2);
    return new Shape[] {
      new Shape(b, config.numClasses(), in.get(2), in.get(3)),
      new Shape(b, config.projectionDim(), h4, w4),
      new Shape(b, config.numClasses(), h4, w4)
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    backbone.initialize(manager, dataType, inputShapes);
    Shape[] feats = backbone.getOutputShapes(inputShapes);
    aspp.initialize(manager, dataType, feats[1]);
    lowReduce.initialize(manager, dataType, feats[0]);
    Shape low = feats[0];
    Shape fused =
        new Shape(low.get(0), config.asppChannels() + LOW_LEVEL_REDUCED, low.get(2), low.get(3));
    fuse.initialize(manager, dataType, fused);
    Shape dec = new Shape(low.get(0), config.decoderChannels(), low.get(2), low.get(3));
    classifier.initialize(manager, dataType, dec);
    projector.initialize(manager, dataType, dec);
  }

  /** DJL-style builder: {@code set*} for required, {@code opt*} for optional settings. */
  public static final class Builder {
    private int numClasses = -1;
    private Backbone backbone = Backbone.RESNET18;
    private int outputStride = 16;
    private int asppChannels = 128;
    private int decoderChannels = 128;
    private int projectionDim = 64;

    private Builder() {}

    /** Number of classes K (required, ≥ 2). */
    public Builder setNumClasses(int numClasses) {
      this.numClasses = numClasses;
      return this;
    }

    /** Encoder (default ResNet-18). */
    public Builder optBackbone(Backbone backbone) {
      this.backbone = backbone;
      return this;
    }

    /** Output stride 16 (default) or 8. */
    public Builder optOutputStride(int outputStride) {
      this.outputStride = outputStride;
      return this;
    }

    /** ASPP channels (default 128; the paper's 256 costs ~4× the ASPP work). */
    public Builder optAsppChannels(int asppChannels) {
      this.asppChannels = asppChannels;
      return this;
    }

    /** Decoder channels (default 128). */
    public Builder optDecoderChannels(int decoderChannels) {
      this.decoderChannels = decoderChannels;
      return this;
    }

    /** Dimension D of the projection head (default 64). */
    public Builder optProjectionDim(int projectionDim) {
      this.projectionDim = projectionDim;
      return this;
    }

    /** The configuration described so far (validated). */
    public ModelConfig config() {
      return new ModelConfig(
          backbone, outputStride, numClasses, asppChannels, decoderChannels, projectionDim);
    }

    /** Builds the (uninitialised) block. */
    public DeepLabV3Plus build() {
      return new DeepLabV3Plus(config());
    }
  }
}
