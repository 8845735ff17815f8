package org.pc2seg.ml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.image.ImageFormatException;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;

class BatchPrefetcherTest {
  @TempDir Path dir;

  private Path writeFolder(int count, int maskValue) throws Exception {
    Path imgs = Files.createDirectories(dir.resolve("images"));
    Path masks = Files.createDirectories(dir.resolve("masks"));
    for (int i = 0; i < count; i++) {
      BufferedImage img = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
      img.setRGB(i, i, 0xFFFFFF);
      ImageIO.write(img, "png", imgs.resolve("im" + i + ".png").toFile());
      IndexMask m = IndexMask.blank(48, 40);
      m.set(1, 1, i == 0 ? maskValue : 1);
      MaskCodec.write(m, masks.resolve("im" + i + ".png"));
    }
    return dir;
  }

  @Test
  void batchesDependOnlyOnSeedAndStep() throws Exception {
    writeFolder(5, 0);
    TrainingData d =
        TrainingData.fromFolders(
            dir.resolve("images"),
            dir.resolve("masks"),
            dir.resolve("images"),
            null,
            null,
            List.of("a", "b"));
    ViewAugmenter aug = new ViewAugmenter(AugmentConfig.defaults(), 32);
    try (BatchPrefetcher p1 = new BatchPrefetcher(d.labeled(), d.unlabeled(), aug, 7, 3, 2, 2);
        BatchPrefetcher p2 = new BatchPrefetcher(d.labeled(), d.unlabeled(), aug, 7, 3, 2, 1)) {
      Batch a0 = p1.get(0);
      Batch a1 = p1.get(1);
      Batch a5 = p1.get(5);
      Batch b5 = p2.get(5);
      assertThat(a5.labels()).containsExactly(b5.labels());
      assertThat(a5.strong()).containsExactly(b5.strong());
      assertThat(a5.labeledIndices()).containsExactly(b5.labeledIndices());
      assertThat(a0.labeledImages()).hasSize(3 * 3 * 32 * 32);
      assertThat(a0.weak()).hasSize(2 * 3 * 32 * 32);
      // First epoch of 5 images with 3 per step: steps 0 and 1 cover at least 5 distinct images.
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int i : a0.labeledIndices()) {
        seen.add(i);
      }
      for (int i : a1.labeledIndices()) {
        seen.add(i);
      }
      assertThat(seen).hasSize(5);
    }
  }

  @Test
  void maskValueThatIsNotAClassIsRejectedWithFileName() throws Exception {
    writeFolder(2, 7);
    TrainingData d =
        TrainingData.fromFolders(
            dir.resolve("images"), dir.resolve("masks"), null, null, null, List.of("a", "b"));
    assertThatThrownBy(d::check)
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("im0.png")
        .hasMessageContaining("mask value 7");
  }

  @Test
  void emptyLabeledSetIsRejected() throws Exception {
    Files.createDirectories(dir.resolve("e/images"));
    Files.createDirectories(dir.resolve("e/masks"));
    TrainingData d =
        TrainingData.fromFolders(
            dir.resolve("e/images"), dir.resolve("e/masks"), null, null, null, List.of("a", "b"));
    assertThatThrownBy(d::check).hasMessageContaining("no labeled training images");
  }
}
