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

/**
 * A sequential block that closes each intermediate output once the next child has consumed it
 * (never the chain's own input, nor an array a child passed through unchanged). See {@link
 * ConvLayer} for why closing early is safe with autograd.
 */
final class Chain extends AbstractBlock {

  private static final byte VERSION = 1;

  private final List<Block> blocks = new ArrayList<>();

  Chain() {
    super(VERSION);
  }

  /** The children, in order. */
  List<Block> blocks() {
    return java.util.Collections.unmodifiableList(blocks);
  }

  /** The children, in order, each cast to {@code type} (for weight import). */
  <T extends Block> List<T> blocksAs(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Block b : blocks) {
      out.add(type.cast(b));
    }
    return out;
  }

  /** Appends a child. */
  Chain add(Block block) {
    blocks.add(addChildBlock(block.getClass().getSimpleName(), block));
    return this;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList current = inputs;
    for (Block b : blocks) {
      NDList next = b.forward(ps, current, training, params);
      if (current != inputs) {
        closeConsumed(current, next);
      }
      current = next;
    }
    return current;
  }

  /** Closes the arrays of {@code consumed} that are not passed on in {@code produced}. */
  static void closeConsumed(NDList consumed, NDList produced) {
    for (NDArray a : consumed) {
      boolean passedOn = false;
      for (NDArray p : produced) {
        passedOn |= p == a;
      }
      if (!passedOn) {
        a.close();
      }
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] shapes = inputShapes;
    for (Block b : blocks) {
      shapes = b.getOutputShapes(shapes);
    }
    return shapes;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape[] shapes = inputShapes;
    for (Block b : blocks) {
      b.initialize(manager, dataType, shapes);
      shapes = b.getOutputShapes(shapes);
    }
  }
}
