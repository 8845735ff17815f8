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
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pc2seg.ml.tensor.EngineThreads;

class PointwiseConvTest {

  private static final int C = 3;
  private static final int O = 5;
  private static final int H = 4;
  private static final int W = 3;

  @Test
  void theFactoryMakesStrideOneOneByOneConvsPointwiseAndLeavesTheOthers() {
    assertThat(Layers.conv(8, 1, 1, 1, true)).isInstanceOf(PointwiseConv.class);
    assertThat(Layers.conv(8, 1, 1, 2, false)).isInstanceOf(PointwiseConv.class);
    assertThat(Layers.conv(8, 1, 2, 1, false)).isNotInstanceOf(PointwiseConv.class);
    assertThat(Layers.conv(8, 3, 1, 1, false)).isNotInstanceOf(PointwiseConv.class);
  }

  /**
   * Every route of {@link PointwiseConv#convolve}: one small image (run as a pair of copies) and a
   * batch, each on one thread (dilation 2) and on two (libtorch's plain convolution).
   */
  @ParameterizedTest
  @CsvSource({"1, 1", "1, 2", "2, 1", "2, 2"})
  void outputAndGradientsMatchAHandComputedOneByOneConvolution(int n, int threads) {
    int before = EngineThreads.current();
    EngineThreads.use(threads);
    try {
      check(n);
    } finally {
      EngineThreads.use(before);
    }
  }

  private static void check(int batch) {
    Engine.getInstance().setRandomSeed(5);
    try (NDManager m = NDManager.newBaseManager()) {
      Conv2d conv = Layers.conv(O, 1, 1, 1, true);
      conv.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
      conv.setInitializer(new NormalInitializer(0.5f), Parameter.Type.BIAS);
      conv.initialize(m, DataType.FLOAT32, new Shape(batch, C, H, W));
      NDArray x = m.randomNormal(new Shape(batch, C, H, W));
      NDArray g = m.randomNormal(new Shape(batch, O, H, W));
      x.setRequiresGradient(true);
      NDArray y;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        y = conv.forward(new ParameterStore(m, false), new NDList(x), true).head();
        gc.backward(y.mul(g).sum());
      }
      assertThat(y.getShape()).isEqualTo(new Shape(batch, O, H, W));
      float[] xs = x.toFloatArray();
      float[] gs = g.toFloatArray();
      float[] ws = conv.getParameters().get("weight").getArray().toFloatArray();
      float[] bs = conv.getParameters().get("bias").getArray().toFloatArray();
      int p = H * W;
      double[] yRef = new double[batch * O * p];
      double[] dx = new double[batch * C * p];
      double[] dw = new double[O * C];
      double[] db = new double[O];
      for (int n = 0; n < batch; n++) {
        for (int o = 0; o < O; o++) {
          for (int i = 0; i < p; i++) {
            double gv = gs[(n * O + o) * p + i];
            double acc = bs[o];
            for (int c = 0; c < C; c++) {
              acc += (double) ws[o * C + c] * xs[(n * C + c) * p + i];
              dx[(n * C + c) * p + i] += ws[o * C + c] * gv;
              dw[o * C + c] += gv * xs[(n * C + c) * p + i];
            }
            yRef[(n * O + o) * p + i] = acc;
            db[o] += gv;
          }
        }
      }
      assertClose(y.toFloatArray(), yRef);
      assertClose(x.getGradient().toFloatArray(), dx);
      assertClose(conv.getParameters().get("weight").getArray().getGradient().toFloatArray(), dw);
      assertClose(conv.getParameters().get("bias").getArray().getGradient().toFloatArray(), db);
    }
  }

  @Test
  void withoutBiasItEqualsLibtorchsConvolution() {
    Engine.getInstance().setRandomSeed(6);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(2, C, H, W));
      NDArray w = m.randomNormal(new Shape(O, C, 1, 1));
      float[] ours = PointwiseConv.convolve(x, w, null).toFloatArray();
      float[] torch = Conv2d.conv2d(x, w).head().toFloatArray();
      assertThat(ours).hasSameSizeAs(torch);
      for (int i = 0; i < ours.length; i++) {
        assertThat(ours[i]).isCloseTo(torch[i], offset(1e-5f));
      }
    }
  }

  private static void assertClose(float[] actual, double[] expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < actual.length; i++) {
      assertThat((double) actual[i]).isCloseTo(expected[i], offset(1e-4));
    }
  }
}
