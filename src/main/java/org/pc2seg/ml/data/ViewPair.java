package org.pc2seg.ml.data;

/**
 * A weak and a strong view of one image under the same geometry.
 *
 * @param weak normalised CHW weak view (3×crop×crop)
 * @param strong normalised CHW strong view, same geometry plus photometric changes
 * @param mask crop×crop labels (255 = ignore or padding), null for unlabeled images
 * @param padded crop×crop flags: true where the pixel lies in the padding
 * @param geometry the shared geometry
 */
public record ViewPair(
    float[] weak, float[] strong, byte[] mask, boolean[] padded, Geometry geometry) {}
