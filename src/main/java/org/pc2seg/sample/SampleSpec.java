package org.pc2seg.sample;

/**
 * Parameters of a generated sample project.
 *
 * @param seed random seed; the same spec always gives the same files
 * @param size image width and height in pixels
 * @param pool images in the training pool (labeled + unlabeled)
 * @param labeled how many pool images get a mask (split TRAIN); the rest are UNLABELED
 * @param val validation images, all with masks
 */
public record SampleSpec(long seed, int size, int pool, int labeled, int val) {
  /** The bundled "shapes" sample. */
  public static SampleSpec shapes() {
    return new SampleSpec(20211001L, 160, 100, 6, 20);
  }
}
