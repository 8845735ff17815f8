package org.pc2seg.ml.train;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.ml.data.AugmentConfig;
import org.pc2seg.ml.data.TrainingData;

/** Tiny two-class folders (dark disc on a bright background, varying colour) for fast runs. */
final class TinyData {
  private TinyData() {}

  static void write(Path dir, String name, int count, long seed, boolean masks) throws Exception {
    Path imgs = Files.createDirectories(dir.resolve(name + "/images"));
    Path msk = Files.createDirectories(dir.resolve(name + "/masks"));
    Random r = new Random(seed);
    for (int i = 0; i < count; i++) {
      BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
      IndexMask m = IndexMask.blank(48, 48);
      int cx = 14 + r.nextInt(20);
      int cy = 14 + r.nextInt(20);
      int rad = 8 + r.nextInt(6);
      int fg = 0x101010 * (1 + r.nextInt(4));
      int bg = 0xA0A0A0 + 0x010101 * r.nextInt(90);
      for (int y = 0; y < 48; y++) {
        for (int x = 0; x < 48; x++) {
          boolean in = (x - cx) * (x - cx) + (y - cy) * (y - cy) < rad * rad;
          img.setRGB(x, y, in ? fg : bg);
          m.set(x, y, in ? 1 : 0);
        }
      }
      ImageIO.write(img, "png", imgs.resolve("t" + i + ".png").toFile());
      if (masks) {
        MaskCodec.write(m, msk.resolve("t" + i + ".png"));
      }
    }
  }

  static TrainingData data(Path dir) throws Exception {
    if (!Files.exists(dir.resolve("lab"))) {
      write(dir, "lab", 4, 1, true);
      write(dir, "unl", 6, 2, false);
      write(dir, "val", 2, 3, true);
    }
    return fromFolders(dir, "lab");
  }

  /** Like {@link #data} with {@code labeled} labeled images (the same unlabeled and val sets). */
  static TrainingData dataWithLabeled(Path dir, int labeled) throws Exception {
    data(dir);
    String name = "lab" + labeled;
    if (!Files.exists(dir.resolve(name))) {
      write(dir, name, labeled, 4, true);
    }
    return fromFolders(dir, name);
  }

  /** The labeled images of folder {@code lab}, with the shared unlabeled and val sets. */
  private static TrainingData fromFolders(Path dir, String lab) throws Exception {
    return TrainingData.fromFolders(
        dir.resolve(lab + "/images"),
        dir.resolve(lab + "/masks"),
        dir.resolve("unl/images"),
        dir.resolve("val/images"),
        dir.resolve("val/masks"),
        List.of("background", "disc"));
  }

  static TrainingData dataWith(Path dir, List<org.pc2seg.project.LabelClass> classes)
      throws Exception {
    TrainingData d = data(dir);
    return new TrainingData(d.labeled(), d.unlabeled(), d.val(), classes);
  }

  static TrainConfigBuilder config() {
    return TrainConfig.builder()
        .optCrop(32)
        .optWidth(16)
        .optProjectionDim(8)
        .optBatchLabeled(2)
        .optBatchUnlabeled(2)
        .optAnchors(32)
        .optNegatives(8)
        .optUnlabeledWarmupSteps(0)
        .optLrWarmupSteps(0)
        .optLearningRate(3e-3)
        .optDataWorkers(1)
        .optCheckpointEvery(0)
        .optValEvery(0)
        .optDevice(DeviceChoice.CPU)
        .optAugment(new AugmentConfig(0.9, 1.1, true, 0.8, 0.4, 0.4, 0.4, 0.1, 0.2, 0.5, 0.5))
        .optSeed(5);
  }
}
