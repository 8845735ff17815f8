package org.pc2seg.ml.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class NoGradTest {

  @Test
  void onAFreshThreadWeightsCanBeUpdatedInPlaceOnlyInsideAndRecordingResumesAfter()
      throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.ones(new Shape(3));
      w.setRequiresGradient(true);
      NDArray one = m.ones(new Shape(3));
      boolean[] recording = new boolean[3];
      FreshThread.run(
          () -> {
            recording[0] = NoGrad.recording();
            assertThatThrownBy(() -> w.addi(one))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("in-place");
            try (NoGrad off = NoGrad.enter()) {
              recording[1] = NoGrad.recording();
              w.addi(one);
            }
            recording[2] = NoGrad.recording();
          });
      assertThat(recording).containsExactly(true, false, true);
      assertThat(w.toFloatArray()).containsExactly(2f, 2f, 2f);
    }
  }

  @Test
  void nestsInsideAGradientCollectorAndPutsItsRecordingBack() {
    try (NDManager m = NDManager.newBaseManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      assertThat(NoGrad.recording()).isTrue();
      try (NoGrad off = NoGrad.enter()) {
        assertThat(NoGrad.recording()).isFalse();
      }
      assertThat(NoGrad.recording()).isTrue();
    }
  }
}
