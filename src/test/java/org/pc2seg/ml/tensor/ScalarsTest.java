package org.pc2seg.ml.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Constants kept by autograd survive a garbage collection between the forward and the backward
 * pass. Between the two, the test collects and then fills many small direct buffers with 1e30, so a
 * constant read from freed Java memory would show up in the gradient.
 */
class ScalarsTest {

  @Test
  void mulKeepsItsConstantForTheBackwardPass() {
    assertThat(gradientAfterCollecting((x, c) -> Scalars.mul(x, c), 3.0)).containsOnly(3f);
  }

  @Test
  void divKeepsItsConstantForTheBackwardPass() {
    assertThat(gradientAfterCollecting((x, c) -> Scalars.div(x, c), 4.0)).containsOnly(0.25f);
  }

  @Test
  void theConstantHasTheArraysTypeAndManager() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(2));
      NDArray c = Scalars.constant(x, 0.5);
      assertThat(c.getShape()).isEqualTo(new Shape());
      assertThat(c.getDataType()).isEqualTo(x.getDataType());
      assertThat(c.getManager()).isSameAs(m);
      assertThat(c.getFloat()).isEqualTo(0.5f);
    }
  }

  /**
   * d/dx sum(op(x, c)) for x = ones(256), after collecting garbage between forward and backward.
   */
  static float[] gradientAfterCollecting(BiFunction<NDArray, Double, NDArray> op, double c) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(256));
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        List<NDArray> outs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          outs.add(op.apply(x, c).sum());
        }
        NDArray total = outs.get(0);
        for (int i = 1; i < outs.size(); i++) {
          total = total.add(outs.get(i));
        }
        churnDirectMemory();
        gc.backward(total.div(m.full(new Shape(), outs.size())));
      }
      return x.getGradient().toFloatArray();
    }
  }

  /** Frees unreachable direct buffers, then reuses small blocks of memory with 1e30. */
  static void churnDirectMemory() {
    List<ByteBuffer> keep = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (int i = 0; i < 2000; i++) {
        ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        b.putFloat(0, 1e30f);
        keep.add(b);
      }
    }
  }
}
