package org.pc2seg.ml.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;

/**
 * Estimates the convolution FLOPs of one forward pass from the shapes a block was initialised with
 * (2·C_in/g·k_h·k_w·C_out multiply-adds per output pixel), scaled to another input size. Only
 * convolutions are counted; they are nearly all of a DeepLabv3+ pass.
 */
public final class ConvFlops {
  private ConvFlops() {}

  /**
   * FLOPs of one forward pass for a batch of one image at the block's initialisation size (batch
   * 1).
   */
  public static double atInitSize(Block block) {
    double f = 0;
    if (block instanceof Convolution conv) {
      Shape in = conv.getInputShapes()[0];
      Shape out = conv.getOutputShapes(new Shape[] {in})[0];
      Parameter w = conv.getParameters().get("weight");
      f += perOutputPixel(w.getArray().getShape().getShape()) * out.get(2) * out.get(3);
    }
    for (var child : block.getChildren()) {
      f += atInitSize(child.getValue());
    }
    return f;
  }

  /**
   * FLOPs per output pixel of one image for a weight of shape (O, C/g, kh, kw): 2·O·(C/g)·kh·kw.
   */
  static double perOutputPixel(long[] weight) {
    return 2.0 * weight[0] * weight[1] * weight[2] * weight[3];
  }

  /** Pixel count of the block's initialisation input. */
  public static long initPixels(Block block) {
    Shape s = block.getInputShapes()[0];
    return s.get(2) * s.get(3);
  }

  /** Forward FLOPs for {@code images} images of side {@code size}. */
  public static double forward(Block block, int images, int size) {
    return atInitSize(block) * images * ((double) size * size / initPixels(block));
  }
}
