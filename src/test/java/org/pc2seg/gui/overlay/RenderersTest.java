package org.pc2seg.gui.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.LabelClass;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import org.pc2seg.project.Split;

/** Prediction and heat-map rendering as pure functions of arrays. */
class RenderersTest {
  private static final List<LabelClass> CLASSES =
      List.of(new LabelClass(0, "background", "#000000"), new LabelClass(1, "disc", "#ff0000"));

  private static PredictionImage pred() {
    // 2x2: class 0 conf 1.0, class 1 conf 0.5, class 1 conf 0.2, 255 conf 0.9
    return new PredictionImage(
        2, 2, new byte[] {0, 1, 1, (byte) 255}, new float[] {1f, 0.5f, 0.2f, 0.9f});
  }

  @Test
  void acceptingExplainsWhetherNothingWasConfidentEnoughOrTheMaskAgreed() {
    assertThat(pred().confidentPixels(0.5)).isEqualTo(3);
    assertThat(pred().confidentPixels(0.95)).isEqualTo(1);
    assertThat(org.pc2seg.gui.training.PredictionAccept.whyNothingChanged(pred(), 1.01))
        .contains("No pixel")
        .contains("1.01")
        .contains("Min. confidence");
    assertThat(org.pc2seg.gui.training.PredictionAccept.whyNothingChanged(pred(), 0.5))
        .isEqualTo("The prediction matches the mask already.");
  }

  @Test
  void predictionAlphaScalesWithConfidenceAndThresholdHidesPixels() {
    int[] px =
        PredictionOverlayRenderer.argb(
            pred(), PredictionOverlayRenderer.palette(CLASSES), 0.8, 0.3);
    assertThat(px[0]).isEqualTo((204 << 24) | 0x000000);
    assertThat(px[1] >>> 24).isEqualTo(102);
    assertThat(px[1] & 0xFFFFFF).isEqualTo(0xff0000);
    assertThat(px[2]).as("below the threshold").isZero();
    assertThat(px[3]).as("no class").isZero();
    int[] low =
        PredictionOverlayRenderer.argb(
            pred(), PredictionOverlayRenderer.palette(CLASSES), 0.8, 0.0);
    assertThat(low[2] >>> 24).isEqualTo(41);
  }

  @Test
  void thresholdedMaskKeepsConfidentPixelsOnly() {
    IndexMask m = pred().thresholdedMask(0.4);
    assertThat(m.data()).containsExactly(0, 1, (byte) 255, (byte) 255);
    assertThat(pred().meanConfidence()).isCloseTo(0.65, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void readsPredictionFilesOfAProject(@TempDir Path dir) throws Exception {
    Project p = ProjectStore.create(dir, "t", CLASSES);
    ImageItem item = new ImageItem("a.png", 2, 2, Split.UNLABELED, ImageStatus.UNLABELED);
    assertThat(PredictionImage.read(p, item)).isEmpty();
    java.nio.file.Files.createDirectories(p.predictionsDir());
    MaskCodec.write(new IndexMask(2, 2, new byte[] {0, 1, 1, 0}), p.predictionFile(item));
    MaskCodec.write(
        new IndexMask(2, 2, new byte[] {(byte) 255, 0, (byte) 128, 51}), p.confidenceFile(item));
    PredictionImage r = PredictionImage.read(p, item).orElseThrow();
    assertThat(r.classes()).containsExactly(0, 1, 1, 0);
    assertThat(r.confidence()[0]).isEqualTo(1f);
    assertThat(r.confidence()[3]).isCloseTo(0.2f, org.assertj.core.data.Offset.offset(1e-3f));
    MaskCodec.write(new IndexMask(1, 2, new byte[] {0, 0}), p.confidenceFile(item));
    assertThatThrownBy(() -> PredictionImage.read(p, item))
        .hasMessageContaining("confidence map is 1x2");
  }

  @Test
  void heatmapScalesByVmaxAndLeavesZerosTransparent() {
    double[] v = {0, 0.25, 0.5, 1.0};
    double vmax = HeatmapRenderer.max(v, new double[] {0.1});
    assertThat(vmax).isEqualTo(1.0);
    int[] px = HeatmapRenderer.argb(v, vmax, ColorMap.INFERNO, 0.5);
    assertThat(px[0]).isZero();
    assertThat(px[3] & 0xFFFFFF).isEqualTo(0xfcffa4);
    assertThat(px[1] >>> 24).isEqualTo(128);
    // brighter for larger values (sum of channels rises along inferno)
    assertThat(brightness(px[1])).isLessThan(brightness(px[2])).isLessThan(brightness(px[3]));
    int[] legend = HeatmapRenderer.legendArgb(10, 2, ColorMap.VIRIDIS);
    assertThat(legend[0] & 0xFFFFFF).isEqualTo(0x440154);
    assertThat(legend[19] & 0xFFFFFF).isEqualTo(0xfde725);
    assertThat(legend[10]).isEqualTo(legend[0]);
  }

  @Test
  void colorMapInterpolatesAndClamps() {
    assertThat(ColorMap.VIRIDIS.rgb(-1)).isEqualTo(0x440154);
    assertThat(ColorMap.VIRIDIS.rgb(Double.NaN)).isEqualTo(0x440154);
    assertThat(ColorMap.VIRIDIS.rgb(2)).isEqualTo(0xfde725);
    assertThat(ColorMap.VIRIDIS.rgb(0.5)).isEqualTo(0x21908d);
    int mid = ColorMap.VIRIDIS.rgb(1 / 16.0);
    assertThat((mid >> 16) & 0xFF).isBetween(0x44, 0x47);
  }

  @Test
  void legendFormatsSmallProbabilities() {
    assertThat(HeatmapLegend.format(1.5e-5)).isEqualTo("1.50e-05");
    assertThat(HeatmapLegend.format(0.25)).isEqualTo("0.2500");
    assertThat(HeatmapLegend.format(0)).isEqualTo("0");
  }

  private static int brightness(int argb) {
    return ((argb >> 16) & 0xFF) + ((argb >> 8) & 0xFF) + (argb & 0xFF);
  }
}
