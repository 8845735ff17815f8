package org.pc2seg.ml.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;

class PredictionWriterTest {
  @TempDir Path dir;

  @Test
  void writesIndexAndConfidencePngs() throws Exception {
    // 2 classes, 2x1 image: pixel 0 -> class 1 (0.75), pixel 1 -> class 0 (0.6)
    Prediction p = new Prediction(2, 1, 2, new float[] {0.25f, 0.6f, 0.75f, 0.4f});
    assertThat(p.classes()).containsExactly(1, 0);
    assertThat(p.confidence()).containsExactly(0.75f, 0.6f);
    PredictionWriter.write(p, dir.resolve("a.png"), dir.resolve("a.conf.png"));
    IndexMask idx = MaskCodec.read(dir.resolve("a.png"));
    IndexMask conf = MaskCodec.read(dir.resolve("a.conf.png"));
    assertThat(idx.get(0, 0)).isEqualTo(1);
    assertThat(idx.get(1, 0)).isEqualTo(0);
    assertThat(conf.get(0, 0)).isEqualTo(Math.round(0.75f * 255));
    assertThat(conf.get(1, 0)).isEqualTo(Math.round(0.6f * 255));
  }
}
