package org.pc2seg.ml.sampling;

import ai.djl.ndarray.NDArray;

/**
 * Negatives drawn for M anchors.
 *
 * @param indices M×N int64: for anchor i, N candidate indices j drawn independently from p_ij (so
 *     never i, possibly repeated)
 * @param valid M×N boolean: false for every slot of an anchor that has no candidate of positive
 *     weight (such slots must not enter the loss)
 */
public record NegativeSample(NDArray indices, NDArray valid) {}
