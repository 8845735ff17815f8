package org.pc2seg.ml.loss;

/**
 * Where the anchors and their negatives of one step were drawn, as cheap int arrays (for the GUI).
 * Pixels are at projection resolution ({@code gridHeight × gridWidth}, stride 4 of the crop) and
 * indexed {@code y·gridWidth + x}; images are indices into the unlabeled mini-batch.
 *
 * @param gridHeight height of the projection map
 * @param gridWidth width of the projection map
 * @param negativesPerAnchor N
 * @param anchorImage M image indices of the anchors
 * @param anchorPixel M pixel indices of the anchors
 * @param negativeImage M×N (row-major) image indices of the negatives, −1 for an unused slot or a
 *     negative drawn from a labeled image (see {@code
 *     Pc2SegObjective.Builder#optLabeledCandidates})
 * @param negativePixel M×N (row-major) pixel indices of the negatives, −1 where the image is
 */
public record SampledNegatives(
    int gridHeight,
    int gridWidth,
    int negativesPerAnchor,
    int[] anchorImage,
    int[] anchorPixel,
    int[] negativeImage,
    int[] negativePixel) {

  /** An empty record (no anchors this step). */
  public static SampledNegatives empty(int gridHeight, int gridWidth) {
    return new SampledNegatives(
        gridHeight, gridWidth, 0, new int[0], new int[0], new int[0], new int[0]);
  }

  /** Number of anchors M. */
  public int anchorCount() {
    return anchorImage.length;
  }
}
