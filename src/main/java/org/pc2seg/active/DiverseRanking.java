package org.pc2seg.active;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders scored images for labeling. Without diversity ({@code lambda = 0}) this is a sort by
 * uncertainty. With diversity it is greedy: at each position the image with the highest {@code
 * uncertainty · (1 − λ · maxSimilarity)} is taken, where the similarity to the images already taken
 * is {@code exp(−‖a − b‖² / σ²)} of their descriptors and σ² is the median squared distance between
 * the candidates (so the penalty adapts to the data). A near-duplicate of an image already ranked
 * above is pushed down; cost is O(n²) descriptor distances, fine for thousands of images.
 */
public final class DiverseRanking {
  /**
   * An image to rank.
   *
   * @param id the image
   * @param uncertainty its uncertainty score
   * @param descriptor appearance descriptor (see {@link ImageDescriptor}); may be null when no
   *     diversity is asked for
   */
  public record Scored(String id, double uncertainty, float[] descriptor) {}

  private DiverseRanking() {}

  /**
   * Ranks the images.
   *
   * @param lambda diversity weight in [0, 1]; 0 ranks by uncertainty alone
   */
  public static List<RankedImage> rank(List<Scored> images, double lambda) {
    if (lambda < 0 || lambda > 1) {
      throw new IllegalArgumentException("diversity weight must be in 0..1: " + lambda);
    }
    List<Scored> sorted = new ArrayList<>(images);
    sorted.sort(
        Comparator.comparingDouble(Scored::uncertainty).reversed().thenComparing(Scored::id));
    List<RankedImage> out = new ArrayList<>();
    if (lambda == 0 || sorted.size() < 3) {
      for (Scored s : sorted) {
        out.add(new RankedImage(s.id(), s.uncertainty(), s.uncertainty(), out.size() + 1));
      }
      return out;
    }
    int n = sorted.size();
    double sigma2 = medianSquaredDistance(sorted);
    double[] maxSim = new double[n];
    boolean[] taken = new boolean[n];
    for (int step = 0; step < n; step++) {
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (taken[i]) {
          continue;
        }
        double s = sorted.get(i).uncertainty() * (1 - lambda * maxSim[i]);
        if (s > bestScore) {
          bestScore = s;
          best = i;
        }
      }
      taken[best] = true;
      Scored b = sorted.get(best);
      out.add(new RankedImage(b.id(), b.uncertainty(), bestScore, out.size() + 1));
      for (int i = 0; i < n; i++) {
        if (!taken[i]) {
          double d2 = squaredDistance(b.descriptor(), sorted.get(i).descriptor());
          maxSim[i] = Math.max(maxSim[i], Math.exp(-d2 / sigma2));
        }
      }
    }
    return out;
  }

  static double squaredDistance(float[] a, float[] b) {
    if (a == null || b == null || a.length != b.length) {
      throw new IllegalArgumentException("diversity needs descriptors of equal length");
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  private static double medianSquaredDistance(List<Scored> s) {
    // at most ~200 images (~20k pairs) are enough for a median
    int stride = Math.max(1, s.size() / 200);
    List<Double> d = new ArrayList<>();
    for (int i = 0; i < s.size(); i += stride) {
      for (int j = i + stride; j < s.size(); j += stride) {
        d.add(squaredDistance(s.get(i).descriptor(), s.get(j).descriptor()));
      }
    }
    d.sort(null);
    double m = d.get(d.size() / 2);
    return m > 0 ? m : 1e-12;
  }
}
