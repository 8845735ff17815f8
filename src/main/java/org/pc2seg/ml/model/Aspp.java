package org.pc2seg.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.pc2seg.ml.tensor.Scalars;

/**
 * Atrous spatial pyramid pooling (DeepLabv3): a 1x1 branch, three dilated 3x3 branches and an
 * image-pooling branch, concatenated and projected to {@code channels} by a 1x1 conv + BN + ReLU.
 *
 * <p>The image-pooling branch is global average pool → 1x1 conv (with bias) → ReLU, without
 * BatchNorm: BN over a 1×1 map has a single value per channel when the batch holds one image, which
 * PyTorch refuses in training mode.
 */
public final class Aspp extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int channels;
  private final Block[] branches = new Block[4];
  private final Block pooling;
  private final Block project;

  /**
   * Creates the block.
   *
   * @param channels output channels of every branch and of the block
   * @param rates the three dilation rates (6, 12, 18 at output stride 16; doubled at 8)
   */
  public Aspp(int channels, int[] rates) {
    super(VERSION);
    if (rates.length != 3) {
      throw new IllegalArgumentException("ASPP needs three dilation rates");
    }
    this.channels = channels;
    branches[0] = addChildBlock("b0", ConvLayer.convBnRelu(channels, 1, 1, 1));
    for (int i = 0; i < 3; i++) {
      branches[i + 1] =
          addChildBlock("b" + (i + 1), ConvLayer.convBnRelu(channels, 3, 1, rates[i]));
    }
    pooling = addChildBlock("pool", ConvLayer.convRelu(channels, 1));
    project = addChildBlock("project", ConvLayer.convBnRelu(channels, 1, 1, 1));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.head();
    Shape s = x.getShape();
    NDArray[] parts = new NDArray[5];
    for (int i = 0; i < 4; i++) {
      parts[i] = branches[i].forward(ps, new NDList(x), training, params).head();
    }
    NDArray sum = x.sum(new int[] {2, 3}, true);
    NDArray pooled = Scalars.div(sum, s.get(2) * s.get(3));
    sum.close();
    NDArray p = pooling.forward(ps, new NDList(pooled), training, params).head();
    pooled.close();
    parts[4] = p.broadcast(new Shape(s.get(0), channels, s.get(2), s.get(3)));
    NDList all = new NDList(parts);
    NDArray cat = NDArrays.concat(all, 1);
    all.close();
    p.close();
    NDList out = project.forward(ps, new NDList(cat), training, params);
    cat.close();
    return out;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), channels, s.get(2), s.get(3))};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape s = inputShapes[0];
    for (Block b : branches) {
      b.initialize(manager, dataType, s);
    }
    pooling.initialize(manager, dataType, new Shape(s.get(0), s.get(1), 1, 1));
    project.initialize(manager, dataType, new Shape(s.get(0), 5L * channels, s.get(2), s.get(3)));
  }
}
