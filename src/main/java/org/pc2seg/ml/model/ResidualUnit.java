package org.pc2seg.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One ResNet residual unit, {@code relu(main(x) + shortcut(x))}, torchvision layout: basic (two
 * 3x3) or bottleneck (1x1-3x3-1x1, expansion 4, stride on the 3x3 — "v1.5"). The shortcut is a
 * strided 1x1 conv + BN when the shape changes, else the identity. Intermediates are closed early.
 */
final class ResidualUnit extends AbstractBlock {

  private static final byte VERSION = 1;

  private final Chain main;
  private final ConvLayer shortcut;

  /**
   * Creates the unit.
   *
   * @param bottleneck bottleneck (expansion 4) or basic unit
   * @param width the unit's inner width (64·2^stage)
   * @param inChannels channels of the unit's input
   * @param stride 1 or 2
   * @param dilation dilation of the 3x3 convs (1 unless the stage is dilated)
   */
  ResidualUnit(boolean bottleneck, int width, int inChannels, int stride, int dilation) {
    super(VERSION);
    int out = bottleneck ? width * 4 : width;
    Chain m = new Chain();
    if (bottleneck) {
      m.add(ConvLayer.convBnRelu(width, 1, 1, 1))
          .add(ConvLayer.convBnRelu(width, 3, stride, dilation))
          .add(ConvLayer.convBn(out, 1, 1, 1));
    } else {
      m.add(ConvLayer.convBnRelu(width, 3, stride, dilation))
          .add(ConvLayer.convBn(out, 3, 1, dilation));
    }
    main = addChildBlock("main", m);
    shortcut =
        (stride != 1 || inChannels != out)
            ? addChildBlock("shortcut", ConvLayer.convBn(out, 1, stride, 1))
            : null;
  }

  /** The main branch's conv layers, in order (for weight import). */
  java.util.List<ConvLayer> mainLayers() {
    return main.blocksAs(ConvLayer.class);
  }

  /** The projection shortcut, or null for the identity (for weight import). */
  ConvLayer shortcut() {
    return shortcut;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.head();
    NDArray h = main.forward(ps, inputs, training, params).head();
    if (shortcut != null) {
      NDArray s = shortcut.forward(ps, inputs, training, params).head();
      h.addi(s); // h is a BatchNorm output, which no backward needs: safe in place
      s.close();
    } else {
      h.addi(x);
    }
    NDArray y = Activation.relu(h);
    h.close();
    return new NDList(y);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return main.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    main.initialize(manager, dataType, inputShapes);
    if (shortcut != null) {
      shortcut.initialize(manager, dataType, inputShapes);
    }
  }
}
