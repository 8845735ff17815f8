package org.pc2seg.sample;

/**
 * Parameters of a generated sample project.
 *
 * @param seed random seed; the same spec always gives the same files
 * @param size image width and height in pixels
 * @param pool images in the training pool (labeled + unlabeled)
 * @param labeled how many pool images get a mask (split TRAIN); the rest are UNLABELED
 * @param val validation images, all with masks
 * @param classesPerImage at most this many object classes in one image (1–3, the shapes of an image
 *     drawing their class from a random subset of that size), as in data sets like Pascal VOC where
 *     an image holds one or two objects' classes; 0 = no limit (the bundled sample: each shape
 *     picks any class, so most images hold all of them)
 */
public record SampleSpec(long seed, int size, int pool, int labeled, int val, int classesPerImage) {
  /** Largest meaningful {@link #classesPerImage}: the number of object classes. */
  public static final int OBJECT_CLASSES = 3;

  public SampleSpec {
    if (classesPerImage < 0 || classesPerImage > OBJECT_CLASSES) {
      throw new IllegalArgumentException(
          "classes per image must be 0 (no limit) or 1-"
              + OBJECT_CLASSES
              + ", got "
              + classesPerImage);
    }
  }

  /** A spec without a limit on the classes per image. */
  public SampleSpec(long seed, int size, int pool, int labeled, int val) {
    this(seed, size, pool, labeled, val, 0);
  }

  /** The bundled "shapes" sample. */
  public static SampleSpec shapes() {
    return new SampleSpec(20211001L, 160, 100, 6, 20);
  }
}
