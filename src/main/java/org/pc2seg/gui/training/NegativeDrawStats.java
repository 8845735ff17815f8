package org.pc2seg.gui.training;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Aggregates where the trainer actually drew contrastive negatives over its last {@code window}
 * steps, per unlabeled image: how often the image was in the batch, how many negatives came from
 * it, and a per-cell count map on the projection grid. The engine reports cells in crop coordinates
 * (the crop moves every step), so the map shows where in the training crop negatives fell, not
 * exact image pixels. Plain Java; fed on the FX thread.
 */
public final class NegativeDrawStats {
  /**
   * What one image got in the recent steps.
   *
   * @param steps steps in the window that had this image in the batch
   * @param negatives negatives drawn from it over those steps
   * @param totalNegatives negatives drawn from all images over the window
   * @param gridWidth grid width (0 when no data)
   * @param gridHeight grid height
   * @param counts per-cell counts, summed over the steps
   */
  public record ImageShare(
      int steps,
      long negatives,
      long totalNegatives,
      int gridWidth,
      int gridHeight,
      double[] counts) {
    /** Fraction of all recent negatives that came from this image. */
    public double fraction() {
      return totalNegatives == 0 ? 0 : negatives / (double) totalNegatives;
    }
  }

  private record Step(
      int step, List<String> images, int[] counts, int gridWidth, int gridHeight, int[] pixels) {}

  private final int window;
  private final ArrayDeque<Step> steps = new ArrayDeque<>();

  public NegativeDrawStats(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1: " + window);
    }
    this.window = window;
  }

  /**
   * Records one step.
   *
   * @param images the batch's unlabeled images (names as the engine reports them)
   * @param countsPerImage negatives drawn from each
   * @param pixelCounts per image, gridHeight×gridWidth counts, image after image
   */
  public void add(
      int step,
      List<String> images,
      int[] countsPerImage,
      int gridWidth,
      int gridHeight,
      int[] pixelCounts) {
    if (countsPerImage.length != images.size()
        || pixelCounts.length != images.size() * gridWidth * gridHeight) {
      throw new IllegalArgumentException("negative-draw arrays do not match the batch size");
    }
    steps.addLast(
        new Step(step, List.copyOf(images), countsPerImage, gridWidth, gridHeight, pixelCounts));
    while (steps.size() > window) {
      steps.removeFirst();
    }
  }

  public void clear() {
    steps.clear();
  }

  /** Steps currently aggregated. */
  public int size() {
    return steps.size();
  }

  /**
   * The share of an image, matched by {@code matches} against the engine's names (which may be a
   * path or a stem).
   */
  public ImageShare forImage(java.util.function.Predicate<String> matches) {
    int n = 0;
    long mine = 0;
    long all = 0;
    int gw = 0;
    int gh = 0;
    double[] grid = null;
    for (Step s : steps) {
      for (int i = 0; i < s.images().size(); i++) {
        all += s.counts()[i];
        if (!matches.test(s.images().get(i))) {
          continue;
        }
        n++;
        mine += s.counts()[i];
        int cells = s.gridWidth() * s.gridHeight();
        if (grid == null || gw != s.gridWidth() || gh != s.gridHeight()) {
          gw = s.gridWidth();
          gh = s.gridHeight();
          grid = new double[cells];
        }
        for (int c = 0; c < cells; c++) {
          grid[c] += s.pixels()[i * cells + c];
        }
      }
    }
    return new ImageShare(n, mine, all, gw, gh, grid == null ? new double[0] : grid);
  }
}
