package org.pc2seg.active.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.active.UncertaintyMeasure;
import org.pc2seg.ml.model.ModelConfig;

class ExperimentReportTest {
  @TempDir Path tmp;

  private static ExperimentResult result() {
    int[] x = {6, 12, 18};
    return new ExperimentResult(
        List.of(
            new ExperimentResult.Curve("suggested", 1, x, new double[] {0.20, 0.40, 0.50}),
            new ExperimentResult.Curve("random", 1, x, new double[] {0.20, 0.30, 0.45}),
            new ExperimentResult.Curve("suggested", 2, x, new double[] {0.22, 0.44, 0.54}),
            new ExperimentResult.Curve("random", 2, x, new double[] {0.22, 0.32, 0.41})),
        12.0);
  }

  @Test
  void tableShowsMeanAndRangePerOrder() {
    ExperimentResult r = result();
    assertThat(r.mean("suggested"))
        .containsExactly(
            new double[] {0.21, 0.42, 0.52}, org.assertj.core.api.Assertions.within(1e-9));
    String t = r.table();
    assertThat(t).contains("mean of 2 seeds");
    assertThat(t).contains("| 12 | 42.0 (40.0–44.0) | 31.0 (30.0–32.0) |");
    assertThat(t).contains("| 18 | 52.0 (50.0–54.0) | 43.0 (41.0–45.0) |");
  }

  @Test
  void plotIsWrittenWithBothCurveColours() throws Exception {
    Path png = tmp.resolve("plot.png");
    CurvePlot.write(result(), "test", png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(720);
    boolean red = false;
    boolean blue = false;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y) & 0xFFFFFF;
        red |= rgb == 0xD62728;
        blue |= rgb == 0x1F77B4;
      }
    }
    assertThat(red).as("suggested curve drawn").isTrue();
    assertThat(blue).as("random curve drawn").isTrue();
  }

  @Test
  void configValidatesItsSettings() {
    assertThatThrownBy(
            () ->
                new ExperimentConfig(
                    2,
                    6,
                    10,
                    10,
                    2,
                    60,
                    1e-3,
                    List.of(1L),
                    UncertaintyMeasure.MARGIN,
                    0,
                    0,
                    ModelConfig.defaults(4)))
        .hasMessageContaining("multiple of 16");
    assertThatThrownBy(
            () ->
                new ExperimentConfig(
                    2,
                    6,
                    10,
                    10,
                    2,
                    64,
                    1e-3,
                    List.of(),
                    UncertaintyMeasure.MARGIN,
                    0,
                    0,
                    ModelConfig.defaults(4)))
        .hasMessageContaining("seed");
    assertThatThrownBy(
            () ->
                new ExperimentConfig(
                    2,
                    6,
                    10,
                    10,
                    2,
                    64,
                    1e-3,
                    List.of(1L),
                    UncertaintyMeasure.MARGIN,
                    0,
                    3,
                    ModelConfig.defaults(4)))
        .hasMessageContaining("candidates");
  }
}
