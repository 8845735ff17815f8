package org.pc2seg.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pc2seg.ml.tensor.EngineThreads;

class ConvLayerTest {
  private int threadsBefore;

  /**
   * Two intra-op threads, as this test always ran before session 10 (training tests now leave
   * libtorch at their own count, often one). With one thread, libtorch 2.7.1's float32 input
   * gradient of the full dilated kernel came out different from the centre tap's on the build
   * machine; a session-10 probe found float32 convolution input gradients of a leaf tensor
   * disagreeing with a hand computation there (float64 agreed). Under investigation, see the
   * session-10 note; this test is about the shortcut, not that.
   */
  @BeforeEach
  void twoThreads() {
    threadsBefore = EngineThreads.current();
    EngineThreads.use(2);
  }

  @AfterEach
  void restore() {
    ConvLayer.centerTapShortcut = true;
    EngineThreads.use(threadsBefore);
  }

  @Test
  void dilatedConvOverAllPaddingEqualsItsCentreTapWithSameGradients() {
    for (int size : new int[] {5, 6}) { // dilation 6 ≥ size: the shortcut applies
      float[][] on = run(true, size);
      float[][] off = run(false, size);
      for (int i = 0; i < on.length; i++) {
        assertThat(on[i].length).isEqualTo(off[i].length);
        for (int j = 0; j < on[i].length; j++) {
          assertThat(on[i][j]).isCloseTo(off[i][j], offset(1e-4f));
        }
      }
    }
  }

  @Test
  void aDilationSmallerThanTheMapUsesTheFullKernel() {
    float[][] on = run(true, 8);
    float[][] off = run(false, 8);
    assertThat(on[0]).containsExactly(off[0]);
  }

  /** Returns {output, input gradient, weight gradient} of convRelu-like layer at dilation 6. */
  private static float[][] run(boolean shortcut, int size) {
    ConvLayer.centerTapShortcut = shortcut;
    Engine.getInstance().setRandomSeed(11);
    try (NDManager m = NDManager.newBaseManager()) {
      ConvLayer layer = ConvLayer.convBnRelu(5, 3, 1, 6);
      layer.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
      layer.initialize(m, DataType.FLOAT32, new Shape(2, 4, size, size));
      NDArray x = m.randomNormal(new Shape(2, 4, size, size));
      x.setRequiresGradient(true);
      NDArray y;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        y = layer.forward(new ParameterStore(m, false), new NDList(x), true).head();
        gc.backward(y.mul(m.randomNormal(y.getShape())).sum());
      }
      NDArray wGrad = layer.getParameters().valueAt(0).getArray().getGradient();
      assertThat(y.getShape()).isEqualTo(new Shape(2, 5, size, size));
      return new float[][] {y.toFloatArray(), x.getGradient().toFloatArray(), wGrad.toFloatArray()};
    }
  }
}
