package org.pc2seg.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index masks on disk: 8-bit single-channel PNG, VOC palette masks accepted, others refused. */
class MaskCodecTest {
  @TempDir Path dir;

  @Test
  void writesAnEightBitGrayPngAndReadsItBack() throws Exception {
    IndexMask m = IndexMask.blank(7, 5);
    m.set(0, 0, 0);
    m.set(6, 4, 3);
    m.set(3, 2, 254);
    Path f = dir.resolve("m.png");
    MaskCodec.write(m, f);
    BufferedImage raw = ImageIO.read(f.toFile());
    assertThat(raw.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    assertThat(raw.getRaster().getSample(6, 4, 0)).isEqualTo(3);
    assertThat(raw.getRaster().getSample(1, 1, 0)).isEqualTo(255);
    IndexMask back = MaskCodec.read(f);
    assertThat(back).isEqualTo(m);
    assertThat(back.labeledPixels()).isEqualTo(3);
  }

  @Test
  void vocPaletteMaskIsReadAsIndices() throws Exception {
    BufferedImage img = TestImages.palette(4, 1, 0xff000000, 0xff800000, 0xff008000);
    img.getRaster().setSample(3, 0, 0, 0);
    Path f = TestImages.write(img, "png", dir.resolve("voc.png"));
    IndexMask m = MaskCodec.read(f);
    assertThat(m.get(0, 0)).isZero();
    assertThat(m.get(1, 0)).isEqualTo(1);
    assertThat(m.get(2, 0)).isEqualTo(2);
    assertThat(m.get(3, 0)).isZero();
  }

  @Test
  void rgbMaskIsRefusedNamingTheFile() throws Exception {
    Path f = TestImages.png(dir.resolve("rgb.png"), 8, 8);
    assertThatThrownBy(() -> MaskCodec.read(f))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("8-bit single-channel")
        .hasMessageContaining("3 band(s)");
  }

  @Test
  void sixteenBitMaskIsRefused() throws Exception {
    Path f = TestImages.write(TestImages.gray16(4, 4, 1, 2), "png", dir.resolve("m16.png"));
    assertThatThrownBy(() -> MaskCodec.read(f))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("16 bits");
  }

  @Test
  void truncatedMaskIsRefused() throws Exception {
    IndexMask m = IndexMask.blank(64, 64);
    for (int i = 0; i < 64 * 64; i++) {
      m.data()[i] = (byte) ((i * 7919) % 5);
    }
    Path f = dir.resolve("t.png");
    MaskCodec.write(m, f);
    TestImages.truncate(f, 0.5);
    assertThatThrownBy(() -> MaskCodec.read(f))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("corrupt or truncated");
    assertThat(Files.size(f)).isPositive();
  }
}
