package org.pc2seg.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * One MobileNetV2 block (Sandler et al., CVPR 2018): 1x1 expand (×t, BN, ReLU6; left out when t =
 * 1) → 3x3 depthwise (stride, dilation, BN, ReLU6) → 1x1 linear project (BN), plus the input when
 * stride is 1 and the channel count is unchanged.
 */
final class InvertedResidual extends AbstractBlock {

  private static final byte VERSION = 1;

  private final Chain main;
  private final boolean residual;

  /**
   * Creates the block.
   *
   * @param inChannels channels of the block's input
   * @param expansion expansion factor t (1 or 6 in MobileNetV2)
   * @param outChannels channels of the block's output
   * @param stride 1 or 2
   * @param dilation dilation of the depthwise conv
   */
  InvertedResidual(int inChannels, int expansion, int outChannels, int stride, int dilation) {
    super(VERSION);
    int hidden = inChannels * expansion;
    Chain m = new Chain();
    if (expansion != 1) {
      m.add(ConvLayer.mobileNet(hidden, 1, 1, 1, false, true));
    }
    m.add(ConvLayer.mobileNet(hidden, 3, stride, dilation, true, true))
        .add(ConvLayer.mobileNet(outChannels, 1, 1, 1, false, false));
    main = addChildBlock("main", m);
    residual = stride == 1 && inChannels == outChannels;
  }

  /** The conv layers in order: [expand,] depthwise, project (for weight import). */
  List<ConvLayer> layers() {
    return main.blocksAs(ConvLayer.class);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray h = main.forward(ps, inputs, training, params).head();
    if (residual) {
      h.addi(inputs.head()); // h is a BatchNorm output, which no backward needs: safe in place
    }
    return new NDList(h);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return main.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    main.initialize(manager, dataType, inputShapes);
  }
}
