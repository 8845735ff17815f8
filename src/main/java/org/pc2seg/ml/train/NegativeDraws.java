package org.pc2seg.ml.train;

import java.util.List;

/**
 * Where one step's contrastive negatives were drawn, cheap to aggregate into a heat-map: per
 * unlabeled image of the batch, how many negatives came from it and from which pixel (at projection
 * resolution, in crop coordinates).
 *
 * @param step 1-based step
 * @param images names of the batch's unlabeled images (dataset order of the batch)
 * @param datasetIndices their indices in the unlabeled dataset
 * @param countsPerImage negatives drawn from each batch image
 * @param gridWidth width of the projection grid
 * @param gridHeight height of the projection grid
 * @param pixelCounts per batch image, gridHeight×gridWidth counts (row-major, image after image)
 */
public record NegativeDraws(
    int step,
    List<String> images,
    int[] datasetIndices,
    int[] countsPerImage,
    int gridWidth,
    int gridHeight,
    int[] pixelCounts) {}
