package org.pc2seg.gui.overlay;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.pc2seg.image.ImageFormatException;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;

/**
 * A model's prediction for one image: a class per pixel and the probability of that class.
 *
 * @param width image width
 * @param height image height
 * @param classes predicted class id per pixel, row-major (255 = none)
 * @param confidence max class probability per pixel, 0..1, row-major
 */
public record PredictionImage(int width, int height, byte[] classes, float[] confidence) {
  public PredictionImage {
    int n = width * height;
    if (width <= 0 || height <= 0 || classes.length != n || confidence.length != n) {
      throw new IllegalArgumentException(
          "prediction arrays do not match " + width + "x" + height + " pixels");
    }
  }

  /**
   * The mask the user gets on "Accept prediction": the predicted class where the confidence is at
   * least {@code threshold}, {@link IndexMask#IGNORE} elsewhere.
   */
  public IndexMask thresholdedMask(double threshold) {
    byte[] out = new byte[classes.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = confidence[i] >= threshold ? classes[i] : (byte) IndexMask.IGNORE;
    }
    return new IndexMask(width, height, out);
  }

  /** Number of pixels whose confidence is at least {@code threshold}. */
  public int confidentPixels(double threshold) {
    int n = 0;
    for (float c : confidence) {
      if (c >= threshold) {
        n++;
      }
    }
    return n;
  }

  /** Mean of the per-pixel confidence (0..1). */
  public double meanConfidence() {
    double s = 0;
    for (float c : confidence) {
      s += c;
    }
    return s / confidence.length;
  }

  /**
   * Reads the prediction the engine wrote into {@code predictions/} for {@code item} (index PNG +
   * confidence PNG, 0..255 = 0..1); empty when there is none.
   */
  public static Optional<PredictionImage> read(Project p, ImageItem item) throws IOException {
    if (!Files.exists(p.predictionFile(item)) || !Files.exists(p.confidenceFile(item))) {
      return Optional.empty();
    }
    IndexMask cls = MaskCodec.read(p.predictionFile(item));
    IndexMask conf = MaskCodec.read(p.confidenceFile(item));
    if (cls.width() != conf.width() || cls.height() != conf.height()) {
      throw new ImageFormatException(
          p.confidenceFile(item),
          "confidence map is "
              + conf.width()
              + "x"
              + conf.height()
              + " but the prediction is "
              + cls.width()
              + "x"
              + cls.height());
    }
    byte[] c = conf.data();
    float[] f = new float[c.length];
    for (int i = 0; i < c.length; i++) {
      f[i] = (c[i] & 0xFF) / 255f;
    }
    return Optional.of(new PredictionImage(cls.width(), cls.height(), cls.data(), f));
  }
}
