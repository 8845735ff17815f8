package org.pc2seg.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * conv → [BatchNorm] → [ReLU] as one block that closes its intermediate arrays as soon as the next
 * operation has consumed them. Closing a DJL array only drops its handle: autograd keeps whatever
 * the backward pass needs, so this is safe with gradients, and it frees memory at once without them
 * (and during backward with them) instead of when the step's manager closes.
 */
final class ConvLayer extends AbstractBlock {

  private static final byte VERSION = 1;

  private final Conv2d conv;
  private final BatchNorm bn;
  private final boolean relu;
  private final boolean clipAtSix;

  /** Whether the exact 1x1 shortcut for all-padding dilated convs is on (tests turn it off). */
  static boolean centerTapShortcut = true;

  private ConvLayer(Conv2d conv, boolean batchNorm, boolean relu) {
    this(conv, batchNorm ? Layers.batchNorm() : null, relu, false);
  }

  private ConvLayer(Conv2d conv, BatchNorm bn, boolean relu, boolean clipAtSix) {
    super(VERSION);
    this.conv = addChildBlock("conv", conv);
    this.bn = bn == null ? null : addChildBlock("bn", bn);
    this.relu = relu;
    this.clipAtSix = clipAtSix;
  }

  /** The convolution (for weight import). */
  Conv2d convolution() {
    return conv;
  }

  /** The BatchNorm, or null (for weight import). */
  BatchNorm batchNorm() {
    return bn;
  }

  /** conv (no bias) → BN → ReLU. */
  static ConvLayer convBnRelu(int filters, int kernel, int stride, int dilation) {
    return new ConvLayer(Layers.conv(filters, kernel, stride, dilation, false), true, true);
  }

  /** conv (no bias) → BN. */
  static ConvLayer convBn(int filters, int kernel, int stride, int dilation) {
    return new ConvLayer(Layers.conv(filters, kernel, stride, dilation, false), true, false);
  }

  /**
   * MobileNetV2's conv (no bias) → BN (ε 10⁻³, Keras's) → ReLU6 when {@code relu6}. With {@code
   * depthwise} the conv has one filter per input channel ({@code filters} = input channels).
   */
  static ConvLayer mobileNet(
      int filters, int kernel, int stride, int dilation, boolean depthwise, boolean relu6) {
    Conv2d conv =
        depthwise
            ? Layers.depthwiseConv(filters, kernel, stride, dilation)
            : Layers.conv(filters, kernel, stride, dilation, false);
    return new ConvLayer(conv, Layers.batchNorm(1e-3f), relu6, relu6);
  }

  /** conv (with bias) → ReLU. */
  static ConvLayer convRelu(int filters, int kernel) {
    return new ConvLayer(Layers.conv(filters, kernel, 1, 1, true), false, true);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = convolve(ps, inputs, training, params);
    if (bn != null) {
      NDArray y = bn.forward(ps, new NDList(x), training, params).head();
      x.close();
      x = y;
    }
    if (relu) {
      NDArray y = clipAtSix ? x.clip(0, 6) : Activation.relu(x);
      x.close();
      x = y;
    }
    return new NDList(x);
  }

  /**
   * The convolution. A 3x3 conv with stride 1 whose dilation is at least the feature map's height
   * and width reads only zero padding with its eight outer taps, so it equals a 1x1 conv with the
   * centre tap — computed that way (exactly the same output and gradients, 1/9 of the work). This
   * happens in ASPP on small crops: at 128² and output stride 16 the map is 8×8, so the rate-12 and
   * rate-18 branches are such convs.
   */
  private NDArray convolve(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.head();
    Shape s = x.getShape();
    long dilation = conv.getDilation().get(0);
    boolean outerTapsInPadding =
        centerTapShortcut
            && dilation > 1
            && conv.getGroups() == 1
            && conv.getKernelShape().get(0) == 3
            && conv.getKernelShape().get(1) == 3
            && conv.getStride().get(0) == 1
            && conv.getStride().get(1) == 1
            && conv.getDilation().get(1) == dilation
            && dilation >= s.get(2)
            && dilation >= s.get(3);
    if (!outerTapsInPadding) {
      return OneDnnRoute.run(x, in -> conv.forward(ps, new NDList(in), training, params).head());
    }
    Parameter wp = conv.getParameters().get("weight");
    NDArray w = ps.getValue(wp, x.getDevice(), training);
    NDArray center = w.get(":, :, 1:2, 1:2");
    Parameter bp = conv.getParameters().get("bias");
    NDArray b = bp == null ? null : ps.getValue(bp, x.getDevice(), training);
    NDArray y = PointwiseConv.convolve(x, center, b);
    center.close();
    return y;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return conv.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    conv.initialize(manager, dataType, inputShapes);
    if (bn != null) {
      bn.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
    }
  }
}
