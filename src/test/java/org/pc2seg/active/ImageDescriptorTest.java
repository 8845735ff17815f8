package org.pc2seg.active;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageDescriptorTest {
  private static BufferedImage image(Color left, Color right) {
    BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(left);
    g.fillRect(0, 0, 20, 40);
    g.setColor(right);
    g.fillRect(20, 0, 20, 40);
    g.dispose();
    return img;
  }

  @Test
  void gridMeansAndDistancesReflectAppearance() {
    float[] a = ImageDescriptor.of(image(Color.RED, Color.BLUE));
    float[] b = ImageDescriptor.of(image(Color.RED, Color.BLUE));
    float[] c = ImageDescriptor.of(image(Color.GREEN, Color.WHITE));
    assertThat(a).hasSize(48);
    // cell (0,0) is red, cell (3,0) is blue
    assertThat(a[0]).isCloseTo(1f, within(1e-6f));
    assertThat(a[1]).isCloseTo(0f, within(1e-6f));
    assertThat(a[3 * 3 + 2]).isCloseTo(1f, within(1e-6f));
    assertThat(DiverseRanking.squaredDistance(a, b)).isZero();
    assertThat(DiverseRanking.squaredDistance(a, c)).isGreaterThan(1);
  }

  @Test
  void classFractionsAreAppended() {
    float[] probs = {0.9f, 0.2f, 0.4f, 0.1f, 0.8f, 0.6f}; // 2 classes x 3 pixels
    ProbabilityMap p = new ProbabilityMap(2, 3, 1, probs);
    float[] d = ImageDescriptor.withClassFractions(new float[] {7}, p);
    assertThat(d).hasSize(3);
    assertThat(d[0]).isEqualTo(7f);
    assertThat(d[1]).isCloseTo(1f / 3, within(1e-6f));
    assertThat(d[2]).isCloseTo(2f / 3, within(1e-6f));
  }
}
