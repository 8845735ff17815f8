package org.pc2seg.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class LayersTest {

  @Test
  void bilinearResizeOfOnePixelGivesTheTentWeightsOfAlignCornersFalse() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] one = new float[16];
      one[1] = 1; // row 0, column 1 of a 4×4 map
      NDArray x = m.create(one, new Shape(1, 1, 4, 4));
      float[] y = Layers.resizeBilinear(x, 8, 8).toFloatArray();
      // along each axis, source pixel 1 reaches outputs 1..4 with 0.25, 0.75, 0.75, 0.25; output
      // rows 0, 1, 2 and 3 take source row 0 with weight 1 (clamped at the border), 0.75, 0.25, 0
      float[] row0 = {0, 0.25f, 0.75f, 0.75f, 0.25f, 0, 0, 0};
      for (int c = 0; c < 8; c++) {
        assertThat(y[c]).isCloseTo(row0[c], offset(1e-6f));
        assertThat(y[8 + c]).isCloseTo(0.75f * row0[c], offset(1e-6f));
        assertThat(y[2 * 8 + c]).isCloseTo(0.25f * row0[c], offset(1e-6f));
        assertThat(y[3 * 8 + c]).isEqualTo(0f);
      }
    }
  }

  @Test
  void matchesLibtorchsBilinearInterpolationInValuesAndGradients() {
    Engine.getInstance().setRandomSeed(3);
    long[][] cases = {{2, 3, 8, 8, 32, 32}, {1, 2, 5, 7, 13, 9}, {2, 4, 1, 1, 8, 8}};
    try (NDManager m = NDManager.newBaseManager()) {
      for (long[] c : cases) {
        Shape in = new Shape(c[0], c[1], c[2], c[3]);
        NDArray x = m.randomNormal(in);
        NDArray weight = m.randomNormal(new Shape(c[0], c[1], c[4], c[5]));
        float[][] ours = valueAndGradient(x, weight, c[4], c[5], true);
        float[][] torch = valueAndGradient(x, weight, c[4], c[5], false);
        for (int k = 0; k < 2; k++) {
          assertThat(ours[k]).hasSameSizeAs(torch[k]);
          for (int i = 0; i < ours[k].length; i++) {
            assertThat(ours[k][i]).as("case %s", in).isCloseTo(torch[k][i], offset(1e-5f));
          }
        }
      }
    }
  }

  @Test
  void aMapAlreadyOfTheTargetSizeIsReturnedAsItIs() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(1, 2, 4, 6));
      assertThat(Layers.resizeBilinear(x, 4, 6)).isSameAs(x);
    }
  }

  /** The resized values and the gradient of Σ weight·resize(x) with respect to x. */
  private static float[][] valueAndGradient(
      NDArray input, NDArray weight, long h, long w, boolean ours) {
    NDArray x = input.duplicate();
    x.setRequiresGradient(true);
    float[] value;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray y =
          ours
              ? Layers.resizeBilinear(x, h, w)
              : x.getNDArrayInternal().interpolation(new long[] {h, w}, 1, false);
      value = y.toFloatArray();
      gc.backward(y.mul(weight).sum());
    }
    return new float[][] {value, x.getGradient().toFloatArray()};
  }
}
