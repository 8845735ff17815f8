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
  void theFactoryMakesOneByOneConvsPointwiseAndLeavesTheOthers() {
    assertThat(Layers.conv(8, 1, 1, 1, true)).isInstanceOf(PointwiseConv.class);
    assertThat(Layers.conv(8, 1, 1, 2, false)).isInstanceOf(PointwiseConv.class);
    assertThat(Layers.conv(8, 1, 2, 1, false)).isInstanceOf(PointwiseConv.class);
    assertThat(Layers.conv(8, 3, 1, 1, false)).isNotInstanceOf(PointwiseConv.class);
  }

  /**
   * Every route of {@link PointwiseConv#convolve}: one small image (run as a pair of copies) and a
   * batch, each on one thread (dilation 2) and on two (libtorch's plain convolution).
   */
  @ParameterizedTest
  @CsvSource({"1, 1", "1, 2", "2, 1", "2, 2"})
  void outputAndGradientsMatchAHandComputedOneByOneConvolution(int n, int threads) {
    onThreads(threads, () -> check(n));
  }

  /** Runs {@code body} with the engine on {@code threads} threads, then restores the count. */
  private static void onThreads(int threads, Runnable body) {
    int before = EngineThreads.current();
    EngineThreads.use(threads);
    try {
      body.run();
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

  /**
   * A strided 1×1 convolution (a residual shortcut) gives libtorch's stride-2 output and the same
   * gradients for the input, weight and bias, on one thread and on two, for odd and even sizes.
   */
  @ParameterizedTest
  @CsvSource({"1, 1, 5, 7", "2, 1, 6, 6", "2, 2, 5, 7", "1, 2, 6, 6"})
  void strideTwoMatchesLibtorchsStridedConvolution(int batch, int threads, int h, int w) {
    onThreads(threads, () -> checkStrideTwo(batch, h, w));
  }

  private static void checkStrideTwo(int batch, int h, int w) {
    Engine.getInstance().setRandomSeed(8);
    try (NDManager m = NDManager.newBaseManager()) {
      Conv2d conv = Layers.conv(O, 1, 2, 1, true);
      conv.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
      conv.setInitializer(new NormalInitializer(0.5f), Parameter.Type.BIAS);
      conv.initialize(m, DataType.FLOAT32, new Shape(batch, C, h, w));
      Shape out = conv.getOutputShapes(new Shape[] {new Shape(batch, C, h, w)})[0];
      NDArray x = m.randomNormal(new Shape(batch, C, h, w));
      NDArray g = m.randomNormal(out);
      NDArray wt = conv.getParameters().get("weight").getArray();
      NDArray bs = conv.getParameters().get("bias").getArray();
      x.setRequiresGradient(true);
      NDArray y;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        y = conv.forward(new ParameterStore(m, false), new NDList(x), true).head();
        gc.backward(y.mul(g).sum());
      }
      float[] dx = x.getGradient().toFloatArray();
      float[] dw = wt.getGradient().toFloatArray();
      float[] db = bs.getGradient().toFloatArray();

      NDArray x2 = x.duplicate();
      NDArray w2 = wt.duplicate();
      NDArray b2 = bs.duplicate();
      x2.setRequiresGradient(true);
      w2.setRequiresGradient(true);
      b2.setRequiresGradient(true);
      NDArray ref;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        ref =
            Conv2d.conv2d(x2, w2, b2, new Shape(2, 2), new Shape(0, 0), new Shape(1, 1), 1).head();
        gc.backward(ref.mul(g).sum());
      }
      assertThat(y.getShape()).isEqualTo(ref.getShape()).isEqualTo(out);
      assertClose(y.toFloatArray(), ref.toFloatArray());
      assertClose(dx, x2.getGradient().toFloatArray());
      assertClose(dw, w2.getGradient().toFloatArray());
      assertClose(db, b2.getGradient().toFloatArray());
    }
  }

  /**
   * ResNet-50's first strided shortcut (256→512 channels, stride 2) trains: through libtorch's
   * strided kernel its backward pass ends the JVM with SIGFPE in oneDNN on the build machine.
   */
  @ParameterizedTest
  @CsvSource({"4, 256, 16, 1", "4, 256, 16, 2", "4, 512, 8, 2", "8, 256, 32, 2"})
  void aResNet50ShortcutRunsItsBackwardPass(int n, int c, int hw, int threads) {
    onThreads(threads, () -> checkShortcut(n, c, hw));
  }

  private static void checkShortcut(int n, int c, int hw) {
    Engine.getInstance().setRandomSeed(9);
    try (NDManager m = NDManager.newBaseManager()) {
      Conv2d conv = Layers.conv(2 * c, 1, 2, 1, false);
      conv.initialize(m, DataType.FLOAT32, new Shape(n, c, hw, hw));
      NDArray x = m.randomNormal(new Shape(n, c, hw, hw));
      x.setRequiresGradient(true);
      NDArray y;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        y = conv.forward(new ParameterStore(m, false), new NDList(x), true).head();
        gc.backward(y.sum());
      }
      assertThat(y.getShape()).isEqualTo(new Shape(n, 2 * c, hw / 2, hw / 2));
      // d(sum y)/dx at a kept pixel is the column sum of the weight, at a skipped one zero
      NDArray wsum = conv.getParameters().get("weight").getArray().sum(new int[] {0, 2, 3});
      NDArray grad = x.getGradient();
      assertClose(grad.get(":, :, 0, 0").get(0).toFloatArray(), wsum.toFloatArray());
      assertThat(grad.get(":, :, 1, 1").abs().max().getFloat()).isZero();
    }
  }

  private static void assertClose(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i]).isCloseTo(expected[i], offset(1e-4f));
    }
  }

  private static void assertClose(float[] actual, double[] expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < actual.length; i++) {
      assertThat((double) actual[i]).isCloseTo(expected[i], offset(1e-4));
    }
  }
}
