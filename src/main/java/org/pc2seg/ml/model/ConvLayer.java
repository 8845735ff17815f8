package org.pc2seg.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
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

  private ConvLayer(Conv2d conv, boolean batchNorm, boolean relu) {
    super(VERSION);
    this.conv = addChildBlock("conv", conv);
    this.bn = batchNorm ? addChildBlock("bn", Layers.batchNorm()) : null;
    this.relu = relu;
  }

  /** conv (no bias) → BN → ReLU. */
  static ConvLayer convBnRelu(int filters, int kernel, int stride, int dilation) {
    return new ConvLayer(Layers.conv(filters, kernel, stride, dilation, false), true, true);
  }

  /** conv (no bias) → BN. */
  static ConvLayer convBn(int filters, int kernel, int stride, int dilation) {
    return new ConvLayer(Layers.conv(filters, kernel, stride, dilation, false), true, false);
  }

  /** conv (with bias) → ReLU. */
  static ConvLayer convRelu(int filters, int kernel) {
    return new ConvLayer(Layers.conv(filters, kernel, 1, 1, true), false, true);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = conv.forward(ps, inputs, training, params).head();
    if (bn != null) {
      NDArray y = bn.forward(ps, new NDList(x), training, params).head();
      x.close();
      x = y;
    }
    if (relu) {
      NDArray y = Activation.relu(x);
      x.close();
      x = y;
    }
    return new NDList(x);
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
