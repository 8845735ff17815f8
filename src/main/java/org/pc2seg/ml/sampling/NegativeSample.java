package org.pc2seg.ml.sampling;

import ai.djl.ndarray.NDArray;

/**
 * Negatives drawn for M anchors.
 *
 * @param indices M×N int64: for anchor i, N candidate indices j (distinct, never i)
 * @param valid M×N boolean: false where fewer than N candidates had positive weight and the slot
 *     had to be filled with a zero-probability candidate (such slots must not enter the loss)
 */
public record NegativeSample(NDArray indices, NDArray valid) {}
