package org.pc2seg.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Shrinking photos and masks to the working size. */
class DownscaleTest {
  @Test
  void fitKeepsTheAspectRatioAndLeavesSmallImagesAlone() {
    assertThat(Downscale.fit(4000, 3000, 1024)).containsExactly(1024, 768);
    assertThat(Downscale.fit(3000, 4000, 1024)).containsExactly(768, 1024);
    assertThat(Downscale.fit(800, 600, 1024)).containsExactly(800, 600);
    assertThat(Downscale.fit(4000, 3000, 0)).containsExactly(4000, 3000);
    assertThat(Downscale.fit(5000, 1, 100)).containsExactly(100, 1);
    BufferedImage small = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
    assertThat(Downscale.toMaxSide(small, 100)).isSameAs(small);
    BufferedImage big =
        Downscale.toMaxSide(new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB), 100);
    assertThat(big.getWidth()).isEqualTo(100);
    assertThat(big.getHeight()).isEqualTo(75);
  }

  @Test
  void fineTextureAveragesToGreyInsteadOfAliasing() {
    // one-pixel black/white checkerboard: shrunk 8x it should be mid grey everywhere
    BufferedImage src = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 600; y++) {
      for (int x = 0; x < 800; x++) {
        src.setRGB(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0x000000);
      }
    }
    BufferedImage out = Downscale.image(src, 100, 75);
    assertThat(out.getWidth()).isEqualTo(100);
    assertThat(out.getHeight()).isEqualTo(75);
    for (int y = 1; y < 74; y++) {
      for (int x = 1; x < 99; x++) {
        int g = out.getRGB(x, y) & 0xFF;
        assertThat(g).as("pixel %d,%d", x, y).isBetween(100, 155);
      }
    }
  }

  @Test
  void masksKeepTheirClassIdsAndUnlabeledPixels() {
    IndexMask m = IndexMask.blank(400, 300); // all 255
    for (int y = 0; y < 300; y++) {
      for (int x = 0; x < 200; x++) {
        m.set(x, y, (x / 10) % 2 == 0 ? 1 : 2);
      }
    }
    IndexMask out = Downscale.mask(m, 100, 75);
    assertThat(out.width()).isEqualTo(100);
    assertThat(out.height()).isEqualTo(75);
    int[] seen = new int[256];
    for (byte b : out.data()) {
      seen[b & 0xFF]++;
    }
    assertThat(seen[1] + seen[2] + seen[IndexMask.IGNORE]).isEqualTo(100 * 75);
    assertThat(seen[IndexMask.IGNORE]).isEqualTo(50 * 75); // the right half stays unlabeled
    assertThat(seen[1]).isPositive();
    assertThat(seen[2]).isPositive();
    assertThat(Downscale.mask(m, 400, 300)).isSameAs(m);
  }
}
