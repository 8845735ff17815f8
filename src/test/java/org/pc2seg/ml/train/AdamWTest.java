package org.pc2seg.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.ConstantInitializer;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.pc2seg.ml.tensor.FreshThread;
import org.pc2seg.ml.tensor.NoGrad;

class AdamWTest {
  @Test
  void stepMatchesTheAdamWFormulaAndStateRestores() {
    System.setProperty("ai.djl.offline", "true");
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter p =
          Parameter.builder()
              .setName("w")
              .setType(Parameter.Type.WEIGHT)
              .optShape(new Shape(2))
              .optInitializer(new ConstantInitializer(1f))
              .build();
      p.initialize(m, DataType.FLOAT32);
      p.getArray().set(new float[] {1f, -2f});
      AdamW opt = new AdamW(List.of(p), m, 0.01);
      double[] w = {1, -2};
      double[] mm = new double[2];
      double[] vv = new double[2];
      double lr = 0.1;
      for (int t = 1; t <= 3; t++) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray loss = p.getArray().mul(p.getArray()).sum().mul(0.5f); // grad = w
          gc.backward(loss);
        }
        double[] g = w.clone();
        opt.step(lr);
        for (int i = 0; i < 2; i++) {
          mm[i] = 0.9 * mm[i] + 0.1 * g[i];
          vv[i] = 0.999 * vv[i] + 0.001 * g[i] * g[i];
          double mh = mm[i] / (1 - Math.pow(0.9, t));
          double vh = vv[i] / (1 - Math.pow(0.999, t));
          w[i] = w[i] - lr * 0.01 * w[i] - lr * mh / (Math.sqrt(vh) + 1e-8);
        }
        float[] got = p.getArray().toFloatArray();
        assertThat((double) got[0]).isCloseTo(w[0], Offset.offset(1e-4));
        assertThat((double) got[1]).isCloseTo(w[1], Offset.offset(1e-4));
      }
      NDList state = opt.state(m);
      assertThat(state.get(0).toIntArray()[0]).isEqualTo(3);
      AdamW other = new AdamW(List.of(p), m, 0.01);
      other.load(state);
      assertThat(other.stepCount()).isEqualTo(3);
      assertThat(other.state(m).get(1).toFloatArray()).containsExactly(state.get(1).toFloatArray());
    }
  }

  private static Parameter param(NDManager m, float... values) {
    Parameter p =
        Parameter.builder()
            .setName("w")
            .setType(Parameter.Type.WEIGHT)
            .optShape(new Shape(values.length))
            .optInitializer(new ConstantInitializer(0f))
            .build();
    p.initialize(m, DataType.FLOAT32);
    p.getArray().set(values);
    return p;
  }

  /** Backward of 0.5·|w|²: the gradient is w itself. */
  private static void gradientEqualsWeights(Parameter p) {
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      gc.backward(p.getArray().mul(p.getArray()).sum().mul(0.5f));
    }
  }

  @Test
  void clippingScalesTheGlobalGradientDownToTheMaximumNorm() {
    System.setProperty("ai.djl.offline", "true");
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter p = param(m, 3f, -4f); // gradient norm 5
      AdamW opt = new AdamW(List.of(p), m, 0);
      gradientEqualsWeights(p);
      assertThat(opt.gradientNorm()).isCloseTo(5.0, Offset.offset(1e-5));
      double norm = opt.step(0.1, 1.0);
      assertThat(norm).isCloseTo(5.0, Offset.offset(1e-5));
      // first moment after one step: 0.1 · (g · 1/5)
      float[] mean = opt.state(m).get(1).toFloatArray();
      assertThat((double) mean[0]).isCloseTo(0.1 * 0.6, Offset.offset(1e-6));
      assertThat((double) mean[1]).isCloseTo(0.1 * -0.8, Offset.offset(1e-6));

      Parameter q = param(m, 0.3f, -0.4f); // norm 0.5: below the limit, untouched
      AdamW small = new AdamW(List.of(q), m, 0);
      gradientEqualsWeights(q);
      small.step(0.1, 1.0);
      float[] mq = small.state(m).get(1).toFloatArray();
      assertThat((double) mq[0]).isCloseTo(0.1 * 0.3, Offset.offset(1e-6));
    }
  }

  @Test
  void aNonFiniteGradientSkipsTheUpdateAndIsClearedForTheNextStep() {
    System.setProperty("ai.djl.offline", "true");
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter p = param(m, 0f, 4f);
      AdamW opt = new AdamW(List.of(p), m, 0.01);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(p.getArray().sqrt().sum()); // d√w/dw = ∞ at w = 0, loss finite
      }
      assertThat(opt.gradientNorm()).isInfinite();
      assertThat(opt.step(0.1, 1.0)).isNaN();
      assertThat(opt.lastSkipReason()).contains("parameter 0").contains("infinite values");
      assertThat(p.getArray().toFloatArray()).containsExactly(0f, 4f);
      assertThat(opt.stepCount()).isZero();
      assertThat(opt.state(m).get(1).toFloatArray()).containsExactly(0f, 0f);

      gradientEqualsWeights(p); // gradient (0, 4): the ∞ must not linger
      assertThat(opt.gradientNorm()).isCloseTo(4.0, Offset.offset(1e-5));
      assertThat(opt.step(0.1, 0)).isCloseTo(4.0, Offset.offset(1e-5));
      float[] w = p.getArray().toFloatArray();
      assertThat(Float.isFinite(w[0]) && Float.isFinite(w[1])).isTrue();
      assertThat(w[1]).isLessThan(4f);
    }
  }

  @Test
  void aGradientTooLargeToSquareInFloatIsNamedAsAnOverflowNotANaN() {
    System.setProperty("ai.djl.offline", "true");
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter p = param(m, 1f, 1f);
      AdamW opt = new AdamW(List.of(p), m, 0.01);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(p.getArray().mul(1e20f).sum()); // gradient (1e20, 1e20): finite, square is not
      }
      assertThat(opt.step(0.1, 1.0)).isNaN();
      assertThat(opt.lastSkipReason()).contains("finite values up to 1.0E20").contains("overflow");
      assertThat(p.getArray().toFloatArray()).containsExactly(1f, 1f);
    }
  }

  @Test
  void updatesOnAFreshThreadWhereAutogradRecordsAndLeavesItRecording() throws Exception {
    System.setProperty("ai.djl.offline", "true");
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter p = param(m, 3f, -4f);
      AdamW opt = new AdamW(List.of(p), m, 0.01);
      gradientEqualsWeights(p);
      boolean[] recording = new boolean[2];
      FreshThread.run(
          () -> {
            recording[0] = NoGrad.recording();
            opt.step(0.1, 0);
            recording[1] = NoGrad.recording();
          });
      // the premise: a new thread records (in-place updates of weights are refused there)
      assertThat(recording[0]).isTrue();
      assertThat(recording[1]).isTrue();
      float[] w = p.getArray().toFloatArray();
      assertThat(w[0]).isLessThan(3f);
      assertThat(w[1]).isGreaterThan(-4f);
    }
  }
}
