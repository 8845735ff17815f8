package org.pc2seg.active.experiment;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.MaskStore;
import org.pc2seg.project.Project;

/**
 * The images of a simulated-user experiment, decoded once: normalised CHW floats and the oracle
 * mask of each image ({@code ground-truth/<name>.png}, or the saved mask for validation images).
 */
final class ExperimentData {
  /** ImageNet channel means (the training pipeline's normalisation). */
  static final float[] MEAN = {0.485f, 0.456f, 0.406f};

  /** ImageNet channel standard deviations. */
  static final float[] STD = {0.229f, 0.224f, 0.225f};

  /** One decoded image. */
  record Sample(String id, int width, int height, float[] chw, byte[] mask) {}

  private ExperimentData() {}

  static Sample load(Project p, ImageItem item, boolean preferSavedMask) throws IOException {
    BufferedImage img = ImageLoader.readRgb(p.imageFile(item));
    IndexMask mask = null;
    if (preferSavedMask) {
      mask = MaskStore.read(p, item).orElse(null);
    }
    if (mask == null) {
      Path gt = groundTruthFile(p, item);
      if (!Files.exists(gt)) {
        throw new IOException(gt + ": no oracle mask for " + item.path());
      }
      mask = MaskCodec.read(gt);
    }
    if (mask.width() != img.getWidth() || mask.height() != img.getHeight()) {
      throw new IOException("oracle mask of " + item.path() + " has the wrong size");
    }
    return new Sample(item.path(), img.getWidth(), img.getHeight(), normalized(img), mask.data());
  }

  static List<Sample> load(Project p, List<ImageItem> items, boolean preferSavedMask)
      throws IOException {
    List<Sample> out = new ArrayList<>();
    for (ImageItem i : items) {
      out.add(load(p, i, preferSavedMask));
    }
    return out;
  }

  /** {@code ground-truth/<file name without extension>.png} of a project. */
  static Path groundTruthFile(Project p, ImageItem item) {
    String name = item.fileName();
    int dot = name.lastIndexOf('.');
    return p.root()
        .resolve("ground-truth")
        .resolve((dot > 0 ? name.substring(0, dot) : name) + ".png");
  }

  static float[] normalized(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int n = w * h;
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    float[] out = new float[3 * n];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        int v = (rgb[i] >> (16 - 8 * c)) & 0xFF;
        out[c * n + i] = (v / 255f - MEAN[c]) / STD[c];
      }
    }
    return out;
  }
}
