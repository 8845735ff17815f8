package org.pc2seg.ml.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineThreadsTest {

  @Test
  void setsTheCountAfterTheEngineIsLoadedForThisThreadAndLaterOnes() throws Exception {
    NoGrad.recording(); // loads libtorch with whatever count it starts with
    int before = EngineThreads.current();
    int other = before == 1 ? 2 : 1;
    int[] seen = new int[3];
    try {
      FreshThread.run(
          () -> {
            seen[0] = EngineThreads.use(other);
            seen[1] = EngineThreads.current();
          });
      FreshThread.run(() -> seen[2] = EngineThreads.current());
      assertThat(seen).containsExactly(other, other, other);
      FreshThread.run(
          () -> {
            EngineThreads.use(before);
            seen[0] = EngineThreads.current();
          });
      assertThat(seen[0]).isEqualTo(before);
    } finally {
      EngineThreads.use(before);
    }
  }

  @Test
  void refusesLessThanOneThread() {
    assertThatThrownBy(() -> EngineThreads.use(0)).hasMessageContaining(">= 1");
  }
}
