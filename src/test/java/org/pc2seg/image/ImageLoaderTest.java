package org.pc2seg.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad and unusual image files: each refused with a message naming the file, or converted. */
class ImageLoaderTest {
  @TempDir Path dir;

  @Test
  void zeroByteFileIsRefusedNamingTheFile() throws Exception {
    Path f = Files.createFile(dir.resolve("empty.png"));
    assertThatThrownBy(() -> ImageLoader.readRgb(f))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("empty (0 bytes)");
    assertThatThrownBy(() -> ImageLoader.readSize(f)).hasMessageContaining("empty");
  }

  @Test
  void missingFileIsRefusedNamingTheFile() {
    Path f = dir.resolve("nope.jpg");
    assertThatThrownBy(() -> ImageLoader.readRgb(f))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("file not found");
  }

  @Test
  void textNamedPngIsRefused() throws Exception {
    Path f = dir.resolve("notes.png");
    Files.writeString(f, "this is not an image\n".repeat(20), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ImageLoader.readRgb(f))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("not a supported image");
    assertThatThrownBy(() -> ImageLoader.readSize(f)).hasMessageContaining("not a supported");
  }

  @Test
  void jpegNamedPngIsReadByContent() throws Exception {
    Path f = TestImages.write(TestImages.noisyRgb(40, 30, 1), "jpeg", dir.resolve("photo.png"));
    BufferedImage img = ImageLoader.readRgb(f);
    assertThat(img.getWidth()).isEqualTo(40);
    assertThat(img.getHeight()).isEqualTo(30);
  }

  @Test
  void truncatedPngIsRefused() throws Exception {
    Path f = TestImages.truncate(TestImages.png(dir.resolve("cut.png"), 64, 64), 0.5);
    assertThatThrownBy(() -> ImageLoader.readRgb(f))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("corrupt or truncated");
  }

  @Test
  void truncatedJpegIsRefusedInsteadOfReturnedHalfGrey() throws Exception {
    Path f =
        TestImages.truncate(
            TestImages.write(TestImages.noisyRgb(64, 64, 2), "jpeg", dir.resolve("cut.jpg")), 0.6);
    assertThatThrownBy(() -> ImageLoader.readRgb(f))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("corrupt or truncated");
  }

  @Test
  void fileTruncatedInsideTheHeaderIsRefusedBySizeCheckToo() throws Exception {
    Path f = TestImages.keepBytes(TestImages.png(dir.resolve("stub.png"), 64, 64), 20);
    assertThatThrownBy(() -> ImageLoader.readSize(f))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining(f.toString());
  }

  @Test
  void headerClaimingTooManyPixelsIsRefusedBeforeDecoding() throws Exception {
    Path f = TestImages.pngHeaderClaiming(dir.resolve("bomb.png"), 20000, 20000);
    assertThat(Files.size(f)).isLessThan(100);
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    ImageLoader.readSize(TestImages.png(dir.resolve("warm.png"), 8, 8)); // load ImageIO first
    long before = mx.getThreadAllocatedBytes(tid);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> ImageLoader.readRgb(f))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("20000x20000")
        .hasMessageContaining("over the limit of 100.0 megapixels");
    long millis = (System.nanoTime() - t0) / 1_000_000;
    long allocated = mx.getThreadAllocatedBytes(tid) - before;
    // Decoding would need 20000*20000*3 bytes = 1.2 GB; refusing needs a few kilobytes.
    assertThat(allocated).isLessThan(16L << 20);
    assertThat(millis).isLessThan(2000);
    assertThatThrownBy(() -> ImageLoader.readSize(f)).hasMessageContaining("megapixels");
  }

  @Test
  void pixelLimitIsConfigurable() throws Exception {
    Path f = TestImages.png(dir.resolve("small.png"), 64, 64);
    assertThatThrownBy(() -> ImageLoader.readRgb(f, new ImageReadOptions(1000)))
        .hasMessageContaining("64x64")
        .hasMessageContaining("over the limit");
    assertThat(ImageLoader.readRgb(f, new ImageReadOptions(4096)).getWidth()).isEqualTo(64);
    String old = System.getProperty("pc2seg.maxPixels");
    System.setProperty("pc2seg.maxPixels", "100");
    try {
      assertThat(ImageReadOptions.defaults().maxPixels()).isEqualTo(100);
      assertThatThrownBy(() -> ImageLoader.readRgb(f)).hasMessageContaining("over the limit");
    } finally {
      if (old == null) {
        System.clearProperty("pc2seg.maxPixels");
      } else {
        System.setProperty("pc2seg.maxPixels", old);
      }
    }
    assertThat(ImageReadOptions.defaults().maxPixels())
        .isEqualTo(ImageReadOptions.DEFAULT_MAX_PIXELS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"png", "bmp", "gif", "tiff", "jpeg"})
  void everySupportedFormatDecodesToRgb(String format) throws Exception {
    BufferedImage src = new BufferedImage(33, 21, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 21; y++) {
      for (int x = 0; x < 33; x++) {
        src.setRGB(x, y, x < 16 ? 0xff0000 : 0x0000ff);
      }
    }
    Path f = TestImages.write(src, format, dir.resolve("img." + format));
    BufferedImage img = ImageLoader.readRgb(f);
    assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat(img.getWidth()).isEqualTo(33);
    assertThat(img.getHeight()).isEqualTo(21);
    assertThat(ImageLoader.readSize(f)).isEqualTo(new ImageLoader.Size(33, 21));
    int left = img.getRGB(3, 10);
    int right = img.getRGB(30, 10);
    assertThat((left >> 16) & 255).isGreaterThan(200);
    assertThat(right & 255).isGreaterThan(200);
  }

  @Test
  void gray8IsCopiedToRgbWithoutGammaChange() throws Exception {
    Path f = TestImages.write(TestImages.gray8(4, 1, 0, 1, 128, 255), "png", dir.resolve("g.png"));
    BufferedImage img = ImageLoader.readRgb(f);
    assertThat(rgb(img, 0)).isEqualTo(0x000000);
    assertThat(rgb(img, 1)).isEqualTo(0x010101);
    assertThat(rgb(img, 2)).isEqualTo(0x808080);
    assertThat(rgb(img, 3)).isEqualTo(0xffffff);
  }

  @Test
  void gray16IsRescaledTo8Bits() throws Exception {
    Path f =
        TestImages.write(
            TestImages.gray16(4, 1, 0, 257, 0x8080, 0xffff), "png", dir.resolve("g16.png"));
    BufferedImage raw = javax.imageio.ImageIO.read(f.toFile());
    assertThat(raw.getSampleModel().getSampleSize(0)).isEqualTo(16);
    BufferedImage img = ImageLoader.readRgb(f);
    assertThat(rgb(img, 0)).isEqualTo(0x000000);
    assertThat(rgb(img, 1)).isEqualTo(0x010101);
    assertThat(rgb(img, 2)).isEqualTo(0x808080);
    assertThat(rgb(img, 3)).isEqualTo(0xffffff);
  }

  @Test
  void rgb16IsRescaledTo8Bits() throws Exception {
    Path f =
        TestImages.write(TestImages.rgb16(3, 2, 0xffff, 0x8080, 0), "png", dir.resolve("c16.png"));
    BufferedImage img = ImageLoader.readRgb(f);
    assertThat(rgb(img, 0)).isEqualTo(0xff8000);
    assertThat(rgb(img, 5)).isEqualTo(0xff8000);
  }

  @Test
  void paletteIndicesBecomeTheirColoursAndTransparentEntriesGoBlack() throws Exception {
    Path f =
        TestImages.write(
            TestImages.palette(4, 1, 0xff102030, 0xffa0b0c0, 0x00ffffff, 0x80ff0000),
            "png",
            dir.resolve("pal.png"));
    BufferedImage img = ImageLoader.readRgb(f);
    assertThat(rgb(img, 0)).isEqualTo(0x102030);
    assertThat(rgb(img, 1)).isEqualTo(0xa0b0c0);
    assertThat(rgb(img, 2)).isEqualTo(0x000000);
    assertThat(rgb(img, 3)).isEqualTo(0x800000);
  }

  @Test
  void alphaIsCompositedOverBlack() throws Exception {
    BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0xffc86432);
    argb.setRGB(1, 0, 0x80c86432);
    argb.setRGB(2, 0, 0x00c86432);
    BufferedImage img = ImageLoader.readRgb(TestImages.write(argb, "png", dir.resolve("a.png")));
    assertThat(rgb(img, 0)).isEqualTo(0xc86432);
    assertThat(rgb(img, 1)).isEqualTo(0x643219);
    assertThat(rgb(img, 2)).isEqualTo(0x000000);
  }

  @Test
  void grayWithAlphaIsCompositedOverBlackWithoutGammaChange() throws Exception {
    Path f = TestImages.write(TestImages.grayAlpha(2, 2, 200, 128), "png", dir.resolve("ga.png"));
    BufferedImage img = ImageLoader.readRgb(f);
    int v = (200 * 128 + 127) / 255;
    assertThat(rgb(img, 0)).isEqualTo(v << 16 | v << 8 | v);
  }

  private static int rgb(BufferedImage img, int i) {
    return img.getRGB(i % img.getWidth(), i / img.getWidth()) & 0xffffff;
  }
}
