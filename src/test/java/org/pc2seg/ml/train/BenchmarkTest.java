package org.pc2seg.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The benchmark on a tiny network: timed steps, then profiled ones for the convolutions alone. */
class BenchmarkTest {

  @Test
  void profilesTheConvolutionsOfTheStepsAfterTheTimedOnes() throws IOException {
    Benchmark.Result r = Benchmark.run(TinyData.config().build(), 3, 1, 2, 2);

    assertThat(r.stepMedianMs()).isPositive();
    ConvProfile.Times convs = r.convs();
    assertThat(convs).isNotNull();
    // every forward convolution of the weak view also ran with gradient, so all are sized
    assertThat(convs.unsized()).isZero();
    assertThat(convs.calls()).isPositive();
    assertThat(convs.calls() % 2).as("the same calls in each of the 2 steps").isZero();
    assertThat(convs.totalMs()).isPositive();
    // exact work is below the layer-based estimate: at 32² crops the ASPP's dilated 3x3
    // convolutions run as 1x1, and the stem computes no input gradient
    assertThat(convs.gflop()).isPositive().isLessThan(r.stepGflop());
    assertThat(convs.gflop()).isGreaterThan(0.5 * r.stepGflop());
  }

  @Test
  void aNegativeProfiledStepCountIsRefused() {
    assertThatThrownBy(() -> Benchmark.run(TinyData.config().build(), 3, 1, 1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 or more");
  }
}
