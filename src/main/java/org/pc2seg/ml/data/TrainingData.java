package org.pc2seg.ml.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.project.ClassTable;
import org.pc2seg.project.LabelClass;
import org.pc2seg.project.Project;

/**
 * What a training run reads: labeled images with masks, unlabeled images, validation images with
 * masks (may be empty) and the class table.
 *
 * @param labeled labeled training images
 * @param unlabeled unlabeled images (may be empty; supervised runs ignore them)
 * @param val validation images with masks (may be empty)
 * @param classes the class table (ids 0..K-1 expected; gaps allowed)
 */
public record TrainingData(
    SegmentationSource labeled,
    SegmentationSource unlabeled,
    SegmentationSource val,
    List<LabelClass> classes) {

  /** Number of output channels: largest class id + 1. */
  public int numClasses() {
    return classes.stream().mapToInt(LabelClass::id).max().orElse(-1) + 1;
  }

  /** The labeled train items, unlabeled pool and labeled val items of a project. */
  public static TrainingData fromProject(Project p) {
    return new TrainingData(
        new ProjectSource(p, p.labeledTrainItems(), true),
        new ProjectSource(p, p.unlabeledPool(), false),
        new ProjectSource(p, p.labeledValItems(), true),
        p.classes());
  }

  /**
   * VOC-style folders. Any of unlabeled / val may be null.
   *
   * @param classNames class names, ids in order; when empty, K = largest mask value + 1 found in
   *     the training masks and classes are named class0..
   */
  public static TrainingData fromFolders(
      Path trainImages,
      Path trainMasks,
      Path unlabeled,
      Path valImages,
      Path valMasks,
      List<String> classNames)
      throws IOException {
    List<String> names = new ArrayList<>(classNames == null ? List.of() : classNames);
    if (names.isEmpty()) {
      int k = maxMaskValue(trainMasks) + 1;
      for (int i = 0; i < k; i++) {
        names.add("class" + i);
      }
    }
    List<LabelClass> classes = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      classes.add(new LabelClass(i, names.get(i), ClassTable.defaultColor(i)));
    }
    int k = classes.size();
    SegmentationSource l = FolderSource.labeled(trainImages, trainMasks, k);
    SegmentationSource u = unlabeled == null ? empty() : FolderSource.unlabeled(unlabeled);
    SegmentationSource v;
    if (valImages != null) {
      if (valMasks == null) {
        throw new IllegalArgumentException("--val-images needs --val-masks");
      }
      v = FolderSource.labeled(valImages, valMasks, k);
    } else {
      v = empty();
    }
    return new TrainingData(l, u, v, classes);
  }

  private static int maxMaskValue(Path masksDir) throws IOException {
    int max = -1;
    for (Path m : FolderSource.list(masksDir)) {
      for (byte b : MaskCodec.read(m).data()) {
        int v = b & 0xFF;
        if (v != IndexMask.IGNORE && v > max) {
          max = v;
        }
      }
    }
    if (max < 0) {
      throw new IOException("no labeled pixel in any mask of " + masksDir);
    }
    return max;
  }

  /**
   * The same data with every image (and mask) larger than {@code maxSide} on its long side shrunk
   * to it as it is loaded (shrunk copies are cached, see {@link ScaledSource}); {@code maxSide <=
   * 0} keeps the full resolution.
   */
  public TrainingData withMaxSide(int maxSide) {
    if (maxSide <= 0) {
      return this;
    }
    ScaledSource.Cache cache = ScaledSource.Cache.forHeap();
    return new TrainingData(
        new ScaledSource(labeled, maxSide, cache),
        new ScaledSource(unlabeled, maxSide, cache),
        new ScaledSource(val, maxSide, cache),
        classes);
  }

  /** A source with no images. */
  public static SegmentationSource empty() {
    return new SegmentationSource() {
      @Override
      public int size() {
        return 0;
      }

      @Override
      public String name(int i) {
        throw new IndexOutOfBoundsException(i);
      }

      @Override
      public LabeledImage load(int i) {
        throw new IndexOutOfBoundsException(i);
      }

      @Override
      public boolean labeled() {
        return false;
      }
    };
  }

  /**
   * Checks the data before a run: at least one labeled image, every labeled mask readable and
   * valid, at least one labeled pixel. Throws with a message naming the problem.
   */
  public void check() throws IOException {
    if (labeled.size() == 0) {
      throw new IllegalArgumentException(
          "no labeled training images: label at least one TRAIN image (or give --train-masks)");
    }
    long pixels = 0;
    for (int i = 0; i < labeled.size(); i++) {
      LabeledImage li = labeled.load(i);
      pixels += li.mask().labeledPixels();
    }
    if (pixels == 0) {
      throw new IllegalArgumentException(
          "the labeled training masks contain no labeled pixel (all 255)");
    }
  }
}
