package org.pc2seg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.ml.data.TrainingData;

/**
 * {@code experiment} on VOC-style folders (how the images are split, and a real tiny run), and
 * {@code train} with the same folder options.
 */
class ExperimentFoldersTest {
  @TempDir Path dir;

  @BeforeEach
  void writeFolders() throws Exception {
    write("train", 4, true);
    write("unl", 3, false);
    write("val", 2, true);
  }

  /** {@code count} 48² images {@code name}0.. with a square of class 1 (and masks if asked). */
  private void write(String name, int count, boolean masks) throws Exception {
    Path imgs = Files.createDirectories(dir.resolve(name + "/images"));
    Path msk = Files.createDirectories(dir.resolve(name + "/masks"));
    for (int i = 0; i < count; i++) {
      BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
      IndexMask m = IndexMask.blank(48, 48);
      for (int y = 8 + i; y < 30 + i; y++) {
        for (int x = 10; x < 34; x++) {
          img.setRGB(x, y, 0x202020 * (i + 1));
          m.set(x, y, 1);
        }
      }
      ImageIO.write(img, "png", imgs.resolve(name + i + ".png").toFile());
      if (masks) {
        MaskCodec.write(m, msk.resolve(name + i + ".png"));
      }
    }
  }

  private FolderOptions folders(boolean withVal) {
    FolderOptions f = new FolderOptions();
    f.trainImages = dir.resolve("train/images");
    f.trainMasks = dir.resolve("train/masks");
    f.unlabeled = dir.resolve("unl/images");
    if (withVal) {
      f.valImages = dir.resolve("val/images");
      f.valMasks = dir.resolve("val/masks");
    }
    return f;
  }

  @Test
  void theFirstNTrainingImagesAreLabeledAndTheOthersJoinTheUnlabeled() throws Exception {
    ExperimentInputs in = new ExperimentInputs(null, folders(true));
    assertThat(in.defaultLabeled()).isEqualTo(4);
    TrainingData d = in.data(2);
    assertThat(d.labeled().size()).isEqualTo(2);
    assertThat(d.labeled().name(0)).startsWith("train0");
    assertThat(d.labeled().name(1)).startsWith("train1");
    assertThat(d.labeled().load(1).mask()).isNotNull();
    assertThat(d.unlabeled().size()).isEqualTo(2 + 3);
    assertThat(d.unlabeled().name(0)).startsWith("train2");
    assertThat(d.unlabeled().load(0).mask()).isNull();
    assertThat(d.val().size()).isEqualTo(2);
    assertThat(d.numClasses()).isEqualTo(2);
  }

  @Test
  void badCombinationsAreRefusedWithTheFix() {
    assertThatThrownBy(() -> new ExperimentInputs(null, folders(false)))
        .hasMessageContaining("--val-images and --val-masks");
    assertThatThrownBy(() -> new ExperimentInputs(dir, folders(true)))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> new ExperimentInputs(null, new FolderOptions()))
        .hasMessageContaining("give --project P");
    assertThatThrownBy(() -> new ExperimentInputs(null, folders(true)).data(5))
        .hasMessageContaining("only 4 training images");
  }

  @Test
  void runsSupervisedAndPc2SegOnFoldersAndPrintsTheTable() {
    Path out = dir.resolve("runs");
    CliRun r =
        run(
            "experiment",
            "--labeled",
            "2",
            "--samplers",
            "diff-image-debiased",
            "--steps",
            "2",
            "--warmup",
            "0",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .containsPattern("\\| 42 \\| 2 \\| supervised \\| - \\| \\d+\\.\\d \\|")
        .containsPattern("\\| 42 \\| 2 \\| pc2seg \\| diff-image-debiased \\| \\d+\\.\\d \\|");
    assertThat(out.resolve("seed-42/n2-pc2seg-diff-image-debiased/metrics.json")).exists();
  }

  @Test
  void trainTakesTheSameFolderOptions() {
    Path run = dir.resolve("run");
    CliRun r =
        run("train", "--classes", "background,square", "--steps", "1", "--out", run.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(run.resolve("classes.json")).content().contains("square");
    CliRun missing = CliRun.run("train", "--out", run.toString() + "2");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("--train-images DIR --train-masks DIR");
  }

  /** Runs a command on the test folders with a tiny CPU model, then {@code more} options. */
  private CliRun run(String command, String... more) {
    java.util.List<String> args = new java.util.ArrayList<>();
    args.add(command);
    for (String[] o :
        new String[][] {
          {"--train-images", "train/images"},
          {"--train-masks", "train/masks"},
          {"--unlabeled", "unl/images"},
          {"--val-images", "val/images"},
          {"--val-masks", "val/masks"}
        }) {
      args.add(o[0]);
      args.add(dir.resolve(o[1]).toString());
    }
    args.addAll(
        java.util.List.of(
            "--crop",
            "32",
            "--width",
            "16",
            "--proj-dim",
            "8",
            "--batch",
            "2",
            "--batch-unlabeled",
            "2",
            "--anchors",
            "32",
            "--negatives",
            "8",
            "--checkpoint-every",
            "0",
            "--threads",
            "1",
            "--device",
            "cpu"));
    args.addAll(java.util.List.of(more));
    return CliRun.run(args.toArray(String[]::new));
  }
}
