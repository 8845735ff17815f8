package org.pc2seg.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.pc2seg.ml.tensor.EngineThreads;

/**
 * libtorch's float32 3x3 convolution gradients against a hand computation, at channel counts like
 * the model's, on one and two intra-op threads. Session 10 found that libtorch 2.7.1 on the build
 * machine (AMD EPYC, AVX-512) returns a wrong input gradient for a 3x3 convolution whose output
 * channel count is not a multiple of 16 (errors of 10-25, NaN at times; float64 and 1x1
 * convolutions are right), so training refuses such widths. The model's 3x3 convolutions then all
 * have multiples of 16; this test keeps watch over such counts.
 */
class ConvGradientTest {

  @Test
  void threeByThreeInputAndWeightGradientsMatchAHandComputation() {
    int before = EngineThreads.current();
    try {
      for (int threads : new int[] {1, 2}) {
        EngineThreads.use(threads);
        for (int[] c : new int[][] {{4, 16, 8, 1}, {16, 48, 8, 6}, {32, 64, 12, 1}}) {
          checkErrors(errors(3, c[0], c[1], 1, c[2], 1, c[3]), c, threads);
        }
      }
    } finally {
      EngineThreads.use(before);
    }
  }

  @Test
  void depthwiseInputAndWeightGradientsMatchAHandComputation() {
    int before = EngineThreads.current();
    try {
      for (int threads : new int[] {1, 2}) {
        EngineThreads.use(threads);
        // MobileNetV2's depthwise convs: channels, map size, stride, dilation
        for (int[] c : new int[][] {{32, 16, 1, 1}, {144, 8, 2, 1}, {24, 8, 1, 2}, {40, 9, 2, 1}}) {
          checkErrors(errors(5, c[0], c[0], c[0], c[1], c[2], c[3]), c, threads);
        }
      }
    } finally {
      EngineThreads.use(before);
    }
  }

  private static void checkErrors(double[] err, int[] setting, int threads) {
    assertThat(err[0])
        .as("input gradient, %s, %d threads", java.util.Arrays.toString(setting), threads)
        .isLessThan(1e-3);
    assertThat(err[1])
        .as("weight gradient, %s, %d threads", java.util.Arrays.toString(setting), threads)
        .isLessThan(1e-3);
  }

  /**
   * Largest error of the input and of the weight gradient of sum(conv(x, w) * r) for a 3x3 conv
   * with {@code groups} groups ({@code groups} = channels: depthwise), a stride and a dilation.
   */
  private static double[] errors(
      long seed, int ci, int co, int groups, int size, int stride, int dil) {
    Engine.getInstance().setRandomSeed((int) seed);
    int out = (size - 1) / stride + 1;
    int cig = ci / groups;
    int cog = co / groups;
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(2, ci, size, size));
      NDArray w = m.randomNormal(new Shape(co, cig, 3, 3));
      NDArray r = m.randomNormal(new Shape(2, co, out, out));
      x.setRequiresGradient(true);
      w.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y =
            Conv2d.conv2d(
                    x,
                    w,
                    null,
                    new Shape(stride, stride),
                    new Shape(dil, dil),
                    new Shape(dil, dil),
                    groups)
                .head();
        assertThat(y.getShape()).isEqualTo(new Shape(2, co, out, out));
        gc.backward(y.mul(r).sum());
      }
      float[] gx = x.getGradient().toFloatArray();
      float[] gw = w.getGradient().toFloatArray();
      float[] xa = x.toFloatArray();
      float[] wa = w.toFloatArray();
      float[] ra = r.toFloatArray();
      double[] hx = new double[gx.length];
      double[] hw = new double[gw.length];
      // y[n,o,p,q] = sum over c of o's group: w[o,c',a,b] x[n,c,p·s+(a-1)d,q·s+(b-1)d]
      for (int n = 0; n < 2; n++) {
        for (int o = 0; o < co; o++) {
          int first = (o / cog) * cig;
          for (int p = 0; p < out; p++) {
            for (int q = 0; q < out; q++) {
              double rv = ra[((n * co + o) * out + p) * out + q];
              for (int k = 0; k < cig; k++) {
                int c = first + k;
                for (int a = 0; a < 3; a++) {
                  int i = p * stride + (a - 1) * dil;
                  for (int b = 0; b < 3; b++) {
                    int j = q * stride + (b - 1) * dil;
                    if (i < 0 || j < 0 || i >= size || j >= size) {
                      continue;
                    }
                    int xi = ((n * ci + c) * size + i) * size + j;
                    int wi = ((o * cig + k) * 3 + a) * 3 + b;
                    hx[xi] += rv * wa[wi];
                    hw[wi] += rv * xa[xi];
                  }
                }
              }
            }
          }
        }
      }
      return new double[] {maxError(gx, hx), maxError(gw, hw)};
    }
  }

  private static double maxError(float[] got, double[] want) {
    double e = 0;
    for (int i = 0; i < got.length; i++) {
      e = Math.max(e, Double.isNaN(got[i]) ? Double.POSITIVE_INFINITY : Math.abs(got[i] - want[i]));
    }
    return e;
  }
}
