package org.pc2seg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pc2seg.ml.train.TrainConfig;
import picocli.CommandLine;

class TrainOptionsTest {

  private static TrainConfig parse(String... args) throws Exception {
    TrainCommand c = new TrainCommand();
    new CommandLine(c).parseArgs(args);
    return c.options.toConfig();
  }

  @Test
  void aMobileNetStartsFromTheBundledImageNetWeightsUnlessTold() throws Exception {
    assertThat(parse("--backbone", "mobilenetv2").initWeights()).isEqualTo("imagenet");
    assertThat(parse("--backbone", "mobilenetv2", "--init-weights", "none").initWeights()).isNull();
    assertThat(parse("--backbone", "mobilenetv2", "--init-weights", "w.params").initWeights())
        .isEqualTo("w.params");
    assertThat(parse("--backbone", "resnet34").initWeights()).isNull();
    assertThat(parse().initWeights()).isNull();
    assertThatThrownBy(() -> parse("--backbone", "resnet18", "--init-weights", "imagenet"))
        .hasMessageContaining("only for mobilenetv2");
  }
}
