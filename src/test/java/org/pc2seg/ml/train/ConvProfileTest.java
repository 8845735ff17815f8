package org.pc2seg.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The convolution time and work read from libtorch's profiler trace. */
class ConvProfileTest {

  private static String event(String name, double dur, String shapes) {
    return "{\"name\":\"" + name + "\",\"ph\":\"X\",\"dur\":" + dur + ",\"shape\":" + shapes + "}";
  }

  @Test
  void sumsConvolutionTimeAndCountsTheirWorkFromTheRecordedShapes() {
    String layer = "[2,16,8,8]";
    String weight = "[32,16,3,3]";
    String stemIn = "[2,3,8,8]";
    String stemW = "[16,3,3,3]";
    JsonArray events =
        JsonParser.parseString(
                "["
                    // a stride-2 layer: forward, its backward (which records the 4×4 output)
                    + event("aten::convolution", 1000, "[" + layer + "," + weight + ",[],[]]")
                    + ","
                    + event("aten::mkldnn_convolution", 900, "[" + layer + "," + weight + "]")
                    + ","
                    + event(
                        "aten::convolution_backward",
                        3000,
                        "[[2,32,4,4]," + layer + "," + weight + ",[],[]]")
                    + ","
                    // the same layer on a batch of one (a forward without gradient)
                    + event("aten::convolution", 500, "[[1,16,8,8]," + weight + ",[]]")
                    + ","
                    // the stem: its input is the image, so no input gradient
                    + event("aten::convolution", 200, "[" + stemIn + "," + stemW + ",[]]")
                    + ","
                    + event(
                        "aten::convolution_backward",
                        300,
                        "[[2,16,8,8]," + stemIn + "," + stemW + ",[]]")
                    + ","
                    // a layer never seen in a backward: time counted, work unknown
                    + event("aten::convolution", 100, "[[2,8,5,5],[8,8,1,1],[]]")
                    + ","
                    + event("aten::add", 7000, "[[2,3]]")
                    + "]")
            .getAsJsonArray();

    ConvProfile.Times t = ConvProfile.of(events);

    assertThat(t.forwardMs()).isCloseTo(1.8, within(1e-9));
    assertThat(t.backwardMs()).isCloseTo(3.3, within(1e-9));
    assertThat(t.calls()).isEqualTo(6);
    assertThat(t.unsized()).isEqualTo(1);
    double layerFwd = 2.0 * 2 * 4 * 4 * 32 * 16 * 9; // 294 912
    double weakFwd = layerFwd / 2;
    double stemFwd = 2.0 * 2 * 8 * 8 * 16 * 3 * 9; // 110 592
    double expected = layerFwd + 2 * layerFwd + weakFwd + stemFwd + stemFwd;
    assertThat(t.gflop()).isCloseTo(expected / 1e9, within(1e-15));
    assertThat(t.gflops()).isCloseTo(expected / 1e9 / (5.1 / 1000), within(1e-9));
    ConvProfile.Times perStep = t.perStep(2);
    assertThat(perStep.totalMs()).isCloseTo(2.55, within(1e-9));
    assertThat(perStep.gflops()).isCloseTo(t.gflops(), within(1e-9));
  }

  @Test
  void profilesARealConvolutionForwardAndBackward(@TempDir Path dir) throws IOException {
    ConvProfile.Times t;
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(2, 4, 8, 8));
      NDArray w = m.randomNormal(new Shape(6, 4, 3, 3));
      x.setRequiresGradient(true);
      w.setRequiresGradient(true);
      ConvProfile.start();
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y =
            Conv2d.conv2d(x, w, null, new Shape(2, 2), new Shape(1, 1), new Shape(1, 1))
                .singletonOrThrow();
        assertThat(y.getShape()).isEqualTo(new Shape(2, 6, 4, 4));
        gc.backward(y.sum());
      }
      t = ConvProfile.stop(dir.resolve("trace.json"));
    }
    assertThat(t.calls()).isEqualTo(2);
    assertThat(t.unsized()).isZero();
    // forward 2·N·Ho·Wo·O·C·kh·kw, then the same again for each of the two gradients
    assertThat(t.gflop()).isCloseTo(3 * 2.0 * 2 * 4 * 4 * 6 * 4 * 9 / 1e9, within(1e-15));
    assertThat(t.forwardMs()).isPositive();
    assertThat(t.backwardMs()).isPositive();
  }

  @Test
  void anUnreadableTraceSaysSo(@TempDir Path dir) throws IOException {
    Path bad = Files.writeString(dir.resolve("trace.json"), "{\"other\": 1}");
    assertThatThrownBy(() -> ConvProfile.read(bad)).hasMessageContaining("no events");
    Path broken = Files.writeString(dir.resolve("broken.json"), "[{\"name\":");
    assertThatThrownBy(() -> ConvProfile.read(broken)).hasMessageContaining("unreadable");
  }
}
