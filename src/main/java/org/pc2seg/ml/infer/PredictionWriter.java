package org.pc2seg.ml.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.io.AtomicFiles;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.Project;

/**
 * Fills a project's {@code predictions/}: an index PNG and a confidence PNG (max probability × 255)
 * per image, each written atomically. Items are predicted one at a time in the given order (so a
 * GUI can put the visible image first), with progress and cancel.
 */
public final class PredictionWriter {
  /** Progress callback. */
  @FunctionalInterface
  public interface Progress {
    /** Called after each image. */
    void done(int index, int total, ImageItem item, Prediction prediction);
  }

  private PredictionWriter() {}

  /** Writes the predictions of one image; returns the prediction. */
  public static Prediction predictItem(Predictor predictor, Project project, ImageItem item)
      throws IOException {
    Prediction p = predictor.predict(ImageLoader.readRgb(project.imageFile(item)));
    write(p, project.predictionFile(item), project.confidenceFile(item));
    if (item.status() == ImageStatus.UNLABELED) {
      item.setStatus(ImageStatus.PREDICTED);
    }
    return p;
  }

  /** Writes an index PNG and a confidence PNG atomically. */
  public static void write(Prediction p, Path indexPng, Path confidencePng) throws IOException {
    AtomicFiles.write(indexPng, out -> MaskCodec.write(p.classMask(), out));
    AtomicFiles.write(confidencePng, out -> MaskCodec.write(p.confidenceMask(), out));
  }

  /**
   * Predicts items in order. Broken images are skipped.
   *
   * @param first items to do first (e.g. the visible image), may be empty
   * @return the number of images predicted
   */
  public static int predictAll(
      Predictor predictor,
      Project project,
      List<ImageItem> items,
      List<ImageItem> first,
      Progress progress,
      CancelToken cancel)
      throws IOException {
    List<ImageItem> order = new ArrayList<>(first);
    for (ImageItem i : items) {
      if (!order.contains(i)) {
        order.add(i);
      }
    }
    Predicate<ImageItem> ok = i -> i.status() != ImageStatus.BROKEN;
    order.removeIf(ok.negate());
    int n = 0;
    for (ImageItem item : order) {
      if (cancel != null && cancel.isCancelled()) {
        break;
      }
      Prediction p = predictItem(predictor, project, item);
      n++;
      if (progress != null) {
        progress.done(n, order.size(), item, p);
      }
    }
    project.fire();
    return n;
  }

  /** Sorts items by path (a stable default order). */
  public static List<ImageItem> byPath(List<ImageItem> items) {
    List<ImageItem> l = new ArrayList<>(items);
    l.sort(Comparator.comparing(ImageItem::path));
    return l;
  }
}
