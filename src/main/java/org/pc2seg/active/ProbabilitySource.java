package org.pc2seg.active;

import java.io.IOException;
import org.pc2seg.project.ImageItem;

/**
 * Supplies a model's class probabilities for an image: the weak view (the plain image) and, for
 * {@link UncertaintyMeasure#DISAGREEMENT}, a strong (photometrically augmented) view. The ML layer
 * implements it around its predictor; tests implement it with fixed arrays.
 */
public interface ProbabilitySource {
  /** Probabilities of the plain image. */
  ProbabilityMap probabilities(ImageItem item) throws IOException;

  /** Probabilities of a strongly augmented view; unsupported unless overridden. */
  default ProbabilityMap strongProbabilities(ImageItem item) throws IOException {
    throw new UnsupportedOperationException("this source has no strong-view predictions");
  }
}
