package org.pc2seg.ml.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pc2seg.image.IndexMask;

class ViewAugmenterTest {
  /** An image whose pixel colour encodes its coordinates: R = x, G = y, B = constant. */
  private static BufferedImage coordinateImage(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, (x << 16) | (y << 8) | 128);
      }
    }
    return img;
  }

  private static float unnorm(float v, int c) {
    return (v * ImageTensors.STD[c] + ImageTensors.MEAN[c]) * 255f;
  }

  @Test
  void cropsOfASparselyLabeledImageShowItsLabels() {
    // one 12x12 stroke on a large image: most random 64 px crops would show no label
    IndexMask mask = IndexMask.blank(1000, 800);
    for (int y = 500; y < 512; y++) {
      for (int x = 700; x < 712; x++) {
        mask.set(x, y, 1);
      }
    }
    BufferedImage img = new BufferedImage(1000, 800, BufferedImage.TYPE_INT_RGB);
    ViewAugmenter aug = new ViewAugmenter(AugmentConfig.defaults(), 64);
    int plain = 0;
    for (int seed = 0; seed < 40; seed++) {
      ViewPair v = aug.views(new LabeledImage("s", img, mask), new Random(seed));
      int labeled = 0;
      for (byte b : v.mask()) {
        labeled += b == 1 ? 1 : 0;
      }
      assertThat(labeled).as("seed %d", seed).isPositive();
      Geometry g = aug.drawGeometry(1000, 800, new Random(seed));
      plain += ViewAugmenter.showsLabels(mask, g) ? 1 : 0;
    }
    assertThat(plain).as("plain random crops showing the stroke").isLessThan(10);
  }

  @Test
  void cropsOfAFullyLabeledImageAreDrawnAsBefore() {
    IndexMask mask = IndexMask.blank(300, 200);
    for (int y = 0; y < 200; y++) {
      for (int x = 0; x < 300; x++) {
        mask.set(x, y, (x + y) % 3);
      }
    }
    ViewAugmenter aug = new ViewAugmenter(AugmentConfig.defaults(), 64);
    for (int seed = 0; seed < 20; seed++) {
      Random a = new Random(seed);
      Random b = new Random(seed);
      assertThat(aug.drawLabeledGeometry(mask, a)).isEqualTo(aug.drawGeometry(300, 200, b));
      assertThat(a.nextLong()).as("the same random numbers were used").isEqualTo(b.nextLong());
    }
  }

  @Test
  void weakAndStrongPixelsShowTheSameScenePoint() {
    BufferedImage img = coordinateImage(200, 150);
    IndexMask mask = IndexMask.blank(200, 150);
    for (int y = 0; y < 150; y++) {
      for (int x = 0; x < 200; x++) {
        mask.set(x, y, (x / 50 + y / 50) % 4);
      }
    }
    // Geometry only: the strong view must equal the weak view pixel by pixel.
    ViewAugmenter geo = new ViewAugmenter(AugmentConfig.defaults().withoutPhotometric(), 64);
    // Full photometric: the same Random stream must give the same geometry.
    ViewAugmenter full = new ViewAugmenter(AugmentConfig.defaults(), 64);
    for (int trial = 0; trial < 20; trial++) {
      ViewPair v = geo.views(new LabeledImage("a", img, mask), new Random(trial));
      assertThat(v.strong()).containsExactly(v.weak());
      ViewPair f = full.views(new LabeledImage("a", img, mask), new Random(trial));
      assertThat(f.geometry()).isEqualTo(v.geometry());
      assertThat(f.weak()).containsExactly(v.weak());
      Geometry g = v.geometry();
      int n = 64 * 64;
      for (int y = 0; y < 64; y += 7) {
        for (int x = 0; x < 64; x += 5) {
          int i = y * 64 + x;
          if (v.padded()[i]) {
            continue;
          }
          // The weak pixel's colour encodes the source coordinate the geometry says it came from.
          assertThat(unnorm(v.weak()[i], 0)).isCloseTo((float) g.sourceX(x), within(0.6f));
          assertThat(unnorm(v.weak()[n + i], 1)).isCloseTo((float) g.sourceY(y), within(0.6f));
          // The label at that pixel is the label of the same source point.
          int sx = (int) Math.round(Math.max(0, Math.min(199, g.sourceX(x))));
          int sy = (int) Math.round(Math.max(0, Math.min(149, g.sourceY(y))));
          assertThat(v.mask()[i] & 0xFF).isEqualTo(mask.get(sx, sy));
        }
      }
    }
  }

  @Test
  void strongViewDiffersInColourButKeepsStructure() {
    BufferedImage img = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 96; y++) {
      for (int x = 0; x < 96; x++) {
        img.setRGB(x, y, ((x / 12 + y / 12) % 2 == 0) ? 0xC03020 : 0x2040A0);
      }
    }
    AugmentConfig cfg = new AugmentConfig(1, 1, true, 1, 0.4, 0.4, 0.4, 0.1, 0, 0, 0);
    ViewPair v = new ViewAugmenter(cfg, 64).views(new LabeledImage("b", img, null), new Random(3));
    assertThat(v.strong()).isNotEqualTo(v.weak());
    // Per-pixel luminance of the two views is strongly correlated (same scene point per pixel).
    int n = 64 * 64;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = v.weak()[i] + v.weak()[n + i] + v.weak()[2 * n + i];
      b[i] = v.strong()[i] + v.strong()[n + i] + v.strong()[2 * n + i];
    }
    assertThat(Math.abs(corr(a, b))).isGreaterThan(0.9);
  }

  @Test
  void imageSmallerThanCropIsPaddedWithIgnoreLabels() {
    BufferedImage img = coordinateImage(40, 30);
    IndexMask mask = IndexMask.blank(40, 30);
    for (int i = 0; i < mask.data().length; i++) {
      mask.data()[i] = 1;
    }
    AugmentConfig cfg = new AugmentConfig(1, 1, false, 0, 0, 0, 0, 0, 0, 0, 0);
    ViewPair v = new ViewAugmenter(cfg, 64).views(new LabeledImage("s", img, mask), new Random(1));
    assertThat(v.mask()[0]).isEqualTo((byte) 1);
    assertThat(v.mask()[63] & 0xFF).isEqualTo(255);
    assertThat(v.mask()[63 * 64] & 0xFF).isEqualTo(255);
    assertThat(v.padded()[63]).isTrue();
    assertThat(v.weak()[63]).isEqualTo(0f);
  }

  private static org.assertj.core.data.Offset<Float> within(float f) {
    return org.assertj.core.data.Offset.offset(f);
  }

  private static double corr(double[] a, double[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= a.length;
    mb /= b.length;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
