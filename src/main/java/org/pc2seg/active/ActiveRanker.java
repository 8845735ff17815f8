package org.pc2seg.active;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;

/**
 * Ranks a project's unlabeled images by how much labeling each should help ("label next").
 *
 * <pre>{@code
 * List<RankedImage> ranking = ActiveRanker.builder()
 *     .setSource(probabilitySource)          // the active model's predictions
 *     .optMeasure(UncertaintyMeasure.MARGIN) // default
 *     .optDiversity(0.5)                     // 0 = uncertainty only (default)
 *     .build()
 *     .rank(project, project.unlabeledPool(), (done, total) -> {}, new CancelToken());
 * }</pre>
 *
 * Runs one prediction per image (two for {@link UncertaintyMeasure#DISAGREEMENT}); call it off the
 * GUI thread and refresh it after each training round.
 */
public final class ActiveRanker {
  /** Progress after each scored image. */
  @FunctionalInterface
  public interface Listener {
    void onProgress(int done, int total);
  }

  private final ProbabilitySource source;
  private final UncertaintyMeasure measure;
  private final double diversity;
  private final double topFraction;

  private ActiveRanker(Builder b) {
    this.source = b.source;
    this.measure = b.measure;
    this.diversity = b.diversity;
    this.topFraction = b.topFraction;
  }

  public static Builder builder() {
    return new Builder();
  }

  public UncertaintyMeasure measure() {
    return measure;
  }

  /**
   * Scores and ranks the given images. Returns an empty list when cancelled.
   *
   * @throws IOException naming the image that could not be read or predicted
   */
  public List<RankedImage> rank(
      Project project, List<ImageItem> pool, Listener listener, CancelToken cancel)
      throws IOException {
    List<DiverseRanking.Scored> scored = new ArrayList<>();
    for (int i = 0; i < pool.size(); i++) {
      if (cancel.isCancelled()) {
        return List.of();
      }
      ImageItem item = pool.get(i);
      ProbabilityMap weak = source.probabilities(item);
      ProbabilityMap strong = measure.needsStrongView() ? source.strongProbabilities(item) : null;
      double u = measure.score(weak, strong, topFraction);
      float[] descriptor = null;
      if (diversity > 0) {
        descriptor =
            ImageDescriptor.withClassFractions(
                ImageDescriptor.of(ImageLoader.readRgb(project.imageFile(item))), weak);
      }
      scored.add(new DiverseRanking.Scored(item.path(), u, descriptor));
      listener.onProgress(i + 1, pool.size());
    }
    return DiverseRanking.rank(scored, diversity);
  }

  /** Configures an {@link ActiveRanker}. */
  public static final class Builder {
    private ProbabilitySource source;
    private UncertaintyMeasure measure = UncertaintyMeasure.DEFAULT;
    private double diversity;
    private double topFraction = 1;

    private Builder() {}

    /** Where probabilities come from (required). */
    public Builder setSource(ProbabilitySource source) {
      this.source = source;
      return this;
    }

    /** The uncertainty measure (default {@link UncertaintyMeasure#DEFAULT}). */
    public Builder optMeasure(UncertaintyMeasure measure) {
      this.measure = measure;
      return this;
    }

    /** Diversity weight λ in [0, 1] (default 0: rank by uncertainty alone). */
    public Builder optDiversity(double lambda) {
      this.diversity = lambda;
      return this;
    }

    /** Score an image by its most uncertain fraction of pixels (default 1: all pixels). */
    public Builder optTopFraction(double fraction) {
      this.topFraction = fraction;
      return this;
    }

    public ActiveRanker build() {
      if (source == null) {
        throw new IllegalStateException("a probability source is required");
      }
      if (diversity < 0 || diversity > 1) {
        throw new IllegalArgumentException("diversity must be in 0..1: " + diversity);
      }
      if (!(topFraction > 0 && topFraction <= 1)) {
        throw new IllegalArgumentException("top fraction must be in (0, 1]: " + topFraction);
      }
      return new ActiveRanker(this);
    }
  }
}
