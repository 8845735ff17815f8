package org.pc2seg.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import java.util.Arrays;

/** Residual units of ResNet: basic (two 3x3) and bottleneck (1x1-3x3-1x1), torchvision layout. */
final class ResidualUnits {

  private ResidualUnits() {}

  /**
   * One residual unit: {@code relu(main(x) + shortcut(x))}. The shortcut is a strided 1x1 conv + BN
   * when the shape changes, else the identity.
   *
   * @param bottleneck bottleneck (expansion 4) or basic unit
   * @param width the unit's inner width (64·2^stage)
   * @param inChannels channels of the unit's input
   * @param stride 1 or 2 (on the 3x3 conv, "ResNet v1.5")
   * @param dilation dilation of the 3x3 convs (1 unless the stage is dilated)
   */
  static Block unit(boolean bottleneck, int width, int inChannels, int stride, int dilation) {
    int out = bottleneck ? width * 4 : width;
    SequentialBlock main = new SequentialBlock();
    if (bottleneck) {
      main.add(Layers.convBnRelu(width, 1, 1, 1))
          .add(Layers.convBnRelu(width, 3, stride, dilation))
          .add(Layers.convBn(out, 1, 1, 1));
    } else {
      main.add(Layers.convBnRelu(width, 3, stride, dilation))
          .add(Layers.convBn(out, 3, 1, dilation));
    }
    Block shortcut =
        (stride != 1 || inChannels != out)
            ? Layers.convBn(out, 1, stride, 1)
            : Blocks.identityBlock();
    return new ParallelBlock(
        list -> {
          NDArray sum = list.get(0).head().addi(list.get(1).head());
          return new NDList(Activation.relu(sum));
        },
        Arrays.asList(main, shortcut));
  }
}
