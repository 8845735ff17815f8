package org.pc2seg.active;

import java.io.IOException;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.ml.infer.Prediction;
import org.pc2seg.ml.infer.Predictor;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;

/**
 * Class probabilities from the engine's {@link Predictor} (the project's active model): the image
 * is read from the project and predicted at the model's working size (its own size when smaller).
 * Weak view only, so it serves every measure except {@link UncertaintyMeasure#DISAGREEMENT}.
 */
public final class PredictorProbabilitySource implements ProbabilitySource {
  private final Project project;
  private final Predictor predictor;

  public PredictorProbabilitySource(Project project, Predictor predictor) {
    this.project = project;
    this.predictor = predictor;
  }

  @Override
  public ProbabilityMap probabilities(ImageItem item) throws IOException {
    Prediction p = predictor.predictAtWorkingSize(ImageLoader.readRgb(project.imageFile(item)));
    return new ProbabilityMap(p.numClasses(), p.width(), p.height(), p.probabilities());
  }
}
