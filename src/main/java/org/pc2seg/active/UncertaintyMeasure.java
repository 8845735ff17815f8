package org.pc2seg.active;

import java.util.Arrays;
import java.util.Locale;

/**
 * How uncertain the model is about one image, from its per-pixel class probabilities. Each measure
 * gives every pixel a value in [0, 1] (1 = most uncertain) and the image score is the mean over the
 * most uncertain fraction of its pixels (all pixels by default).
 *
 * <p><b>Default: {@link #MARGIN}.</b> The margin 1 − (p₁ − p₂) between the two most probable
 * classes measures exactly how close a pixel is to flipping its predicted label, which is what the
 * user will have to correct; entropy also rewards probability mass spread over classes that never
 * compete for the pixel and grows with K, so with many classes it favours images full of small
 * rare-class noise. Margin needs one forward pass, whereas {@link #DISAGREEMENT} (weak vs strong
 * view, the quantity PC²Seg's consistency loss trains down) needs a second, augmented pass per
 * image, doubling the ranking time on CPU.
 */
public enum UncertaintyMeasure {
  /** Normalised entropy −Σ p log p / log K. */
  ENTROPY("entropy"),
  /** 1 − (p₁ − p₂): small margin between the two best classes = uncertain. */
  MARGIN("margin"),
  /** (1 − p₁) · K / (K − 1): one minus the top probability, rescaled to [0, 1]. */
  LEAST_CONFIDENCE("least-confidence"),
  /**
   * 1 − cos(ŷ, ŷ⁺) between the weak-view and strong-view probabilities: the model's own
   * inconsistency under augmentation (needs both views).
   */
  DISAGREEMENT("disagreement");

  /** The recommended measure. */
  public static final UncertaintyMeasure DEFAULT = MARGIN;

  private final String cliName;

  UncertaintyMeasure(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  /** True when the measure needs a strong-view prediction too. */
  public boolean needsStrongView() {
    return this == DISAGREEMENT;
  }

  /** Parses a CLI name ({@code margin}, {@code entropy}, ...). */
  public static UncertaintyMeasure parse(String s) {
    String n = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (UncertaintyMeasure m : values()) {
      if (m.cliName.equals(n)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown uncertainty measure '"
            + s
            + "' (margin, entropy, least-confidence, disagreement)");
  }

  /** Per-pixel uncertainty values (length = pixels). */
  public double[] pixelValues(ProbabilityMap weak, ProbabilityMap strong) {
    if (needsStrongView()) {
      if (strong == null) {
        throw new IllegalArgumentException(cliName + " needs the strong-view probabilities");
      }
      if (strong.classes() != weak.classes() || strong.pixels() != weak.pixels()) {
        throw new IllegalArgumentException("weak and strong probability maps differ in shape");
      }
    }
    int k = weak.classes();
    int n = weak.pixels();
    double[] out = new double[n];
    double logK = Math.log(k);
    for (int i = 0; i < n; i++) {
      switch (this) {
        case ENTROPY -> {
          double h = 0;
          for (int c = 0; c < k; c++) {
            double p = weak.get(c, i);
            if (p > 0) {
              h -= p * Math.log(p);
            }
          }
          out[i] = h / logK;
        }
        case MARGIN, LEAST_CONFIDENCE -> {
          double p1 = -1;
          double p2 = -1;
          for (int c = 0; c < k; c++) {
            double p = weak.get(c, i);
            if (p > p1) {
              p2 = p1;
              p1 = p;
            } else if (p > p2) {
              p2 = p;
            }
          }
          out[i] = this == MARGIN ? 1 - (p1 - p2) : (1 - p1) * k / (k - 1.0);
        }
        case DISAGREEMENT -> {
          double dot = 0;
          double nw = 0;
          double ns = 0;
          for (int c = 0; c < k; c++) {
            double a = weak.get(c, i);
            double b = strong.get(c, i);
            dot += a * b;
            nw += a * a;
            ns += b * b;
          }
          double denom = Math.sqrt(nw * ns);
          out[i] = denom == 0 ? 1 : 1 - dot / denom;
        }
      }
      out[i] = Math.max(0, Math.min(1, out[i]));
    }
    return out;
  }

  /**
   * The image score: mean of the per-pixel values over the {@code topFraction} most uncertain
   * pixels (1 = all pixels).
   *
   * @param strong strong-view probabilities, or null when the measure does not need them
   */
  public double score(ProbabilityMap weak, ProbabilityMap strong, double topFraction) {
    if (!(topFraction > 0 && topFraction <= 1)) {
      throw new IllegalArgumentException("top fraction must be in (0, 1]: " + topFraction);
    }
    double[] v = pixelValues(weak, strong);
    if (topFraction < 1) {
      Arrays.sort(v);
      int m = Math.max(1, (int) Math.round(v.length * topFraction));
      double s = 0;
      for (int i = v.length - m; i < v.length; i++) {
        s += v[i];
      }
      return s / m;
    }
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  @Override
  public String toString() {
    return cliName;
  }
}
