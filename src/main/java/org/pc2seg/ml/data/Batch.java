package org.pc2seg.ml.data;

/**
 * One training step's inputs, as flat arrays ready to become tensors.
 *
 * @param step the 0-based step this batch belongs to
 * @param crop side length of every view
 * @param labeledImages normalised labeled views, B_l×3×crop×crop (weak geometry, no photometric)
 * @param labels labels of the labeled views, B_l×crop×crop (255 = ignore)
 * @param weak weak views of the unlabeled images, B_u×3×crop×crop (empty for supervised runs)
 * @param strong strong views of the same images, same geometry
 * @param labeledIndices dataset indices of the labeled images
 * @param unlabeledIndices dataset indices of the unlabeled images
 */
public record Batch(
    int step,
    int crop,
    float[] labeledImages,
    byte[] labels,
    float[] weak,
    float[] strong,
    int[] labeledIndices,
    int[] unlabeledIndices) {

  public int labeledCount() {
    return labeledIndices.length;
  }

  public int unlabeledCount() {
    return unlabeledIndices.length;
  }
}
