package org.pc2seg.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pc2seg.image.ImageFormatException;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.MaskStore;
import org.pc2seg.project.Project;
import org.pc2seg.project.Split;

/**
 * Which masks of a project an export takes, and how they are read. Saved masks (including accepted
 * predictions, which the app saves as masks) are read through {@link MaskStore}; predictions come
 * from {@code predictions/}, optionally thresholded on their confidence PNG so that pixels below
 * the threshold become unlabeled (255), as "Accept prediction" does.
 */
public final class MaskSelection {
  /** Where the masks come from. */
  public enum Source {
    /** Saved masks only (default). */
    LABELED,
    /** Predictions only, for every image that has one. */
    PREDICTED,
    /** The saved mask where there is one, otherwise the prediction. */
    LABELED_OR_PREDICTED;

    /** Parses {@code labeled}, {@code predicted} or {@code all}. */
    public static Source parse(String s) {
      return switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "labeled", "masks" -> LABELED;
        case "predicted", "predictions" -> PREDICTED;
        case "all", "labeled-or-predicted" -> LABELED_OR_PREDICTED;
        default ->
            throw new IllegalArgumentException(
                "unknown mask source '" + s + "' (labeled, predicted, all)");
      };
    }
  }

  /**
   * One image to export.
   *
   * @param item the image
   * @param fromPrediction true when the mask is read from {@code predictions/}
   */
  public record Entry(ImageItem item, boolean fromPrediction) {}

  private final Project project;
  private final Source source;
  private final Set<Split> splits;
  private final double minConfidence;

  /**
   * @param splits the splits to include (all when empty)
   * @param minConfidence for predictions: pixels whose confidence is below it (0..1) become
   *     unlabeled; 0 keeps every pixel
   */
  public MaskSelection(Project project, Source source, Set<Split> splits, double minConfidence) {
    if (minConfidence < 0 || minConfidence > 1) {
      throw new IllegalArgumentException("confidence threshold must be in 0..1: " + minConfidence);
    }
    this.project = project;
    this.source = source;
    this.splits = splits.isEmpty() ? EnumSet.allOf(Split.class) : EnumSet.copyOf(splits);
    this.minConfidence = minConfidence;
  }

  public Project project() {
    return project;
  }

  public Source source() {
    return source;
  }

  /** The images to export, in project order. */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    for (ImageItem item : project.items()) {
      if (!splits.contains(item.split()) || item.status() == ImageStatus.BROKEN) {
        continue;
      }
      boolean hasMask = Files.exists(project.maskFile(item));
      boolean hasPrediction = Files.exists(project.predictionFile(item));
      switch (source) {
        case LABELED -> {
          if (hasMask) {
            out.add(new Entry(item, false));
          }
        }
        case PREDICTED -> {
          if (hasPrediction) {
            out.add(new Entry(item, true));
          }
        }
        case LABELED_OR_PREDICTED -> {
          if (hasMask) {
            out.add(new Entry(item, false));
          } else if (hasPrediction) {
            out.add(new Entry(item, true));
          }
        }
      }
    }
    return out;
  }

  /** Reads an entry's mask, validated against its image size and the class table. */
  public IndexMask read(Entry e) throws IOException {
    if (!e.fromPrediction()) {
      return MaskStore.read(project, e.item())
          .orElseThrow(() -> new ExportException(project.maskFile(e.item()), "mask disappeared"));
    }
    Path file = project.predictionFile(e.item());
    IndexMask m = MaskCodec.read(file);
    MaskStore.validate(project, e.item(), m, file);
    if (minConfidence > 0) {
      Path confFile = project.confidenceFile(e.item());
      if (!Files.exists(confFile)) {
        throw new ExportException(
            confFile, "confidence map missing; cannot apply the confidence threshold");
      }
      IndexMask conf = MaskCodec.read(confFile);
      if (conf.width() != m.width() || conf.height() != m.height()) {
        throw new ImageFormatException(
            confFile, "confidence map size differs from its prediction " + file.getFileName());
      }
      int threshold = (int) Math.ceil(minConfidence * 255 - 1e-9);
      byte[] d = m.data();
      byte[] c = conf.data();
      for (int i = 0; i < d.length; i++) {
        if ((c[i] & 0xFF) < threshold) {
          d[i] = (byte) IndexMask.IGNORE;
        }
      }
    }
    return m;
  }
}
