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
}
