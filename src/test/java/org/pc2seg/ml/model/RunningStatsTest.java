package org.pc2seg.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class RunningStatsTest {
  @Test
  void restorePutsBackTheStatisticsATrainingPassChanged() {
    try (NDManager m = NDManager.newBaseManager()) {
      ConvLayer layer = ConvLayer.convBnRelu(4, 3, 1, 1);
      layer.initialize(m, DataType.FLOAT32, new Shape(2, 3, 8, 8));
      ParameterStore ps = new ParameterStore(m, false);
      layer.forward(ps, new NDList(m.randomNormal(new Shape(2, 3, 8, 8))), true);
      float[] before = running(layer);

      RunningStats s = RunningStats.snapshot(layer);
      assertThat(s.size()).isEqualTo(2); // one batch norm: mean and variance
      NDArray shifted = m.randomNormal(new Shape(2, 3, 8, 8)).add(5);
      layer.forward(ps, new NDList(shifted), true);
      assertThat(running(layer)).isNotEqualTo(before);
      s.restore();
      assertThat(running(layer)).containsExactly(before);
    }
  }

  private static float[] running(ConvLayer layer) {
    float[] all = new float[0];
    for (Pair<String, Parameter> p : layer.getParameters()) {
      Parameter.Type t = p.getValue().getType();
      if (t == Parameter.Type.RUNNING_MEAN || t == Parameter.Type.RUNNING_VAR) {
        float[] a = p.getValue().getArray().toFloatArray();
        float[] b = new float[all.length + a.length];
        System.arraycopy(all, 0, b, 0, all.length);
        System.arraycopy(a, 0, b, all.length, a.length);
        all = b;
      }
    }
    return all;
  }
}
