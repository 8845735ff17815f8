package org.pc2seg.active.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The learning curves of the experiment: validation mIoU against the number of labeled images, one
 * curve per order and seed.
 *
 * @param curves every run
 * @param seconds wall time of the whole experiment
 */
public record ExperimentResult(List<Curve> curves, double seconds) {
  /** Name of the uncertainty-ranked order. */
  public static final String SUGGESTED = "suggested";

  /** Name of the random order. */
  public static final String RANDOM = "random";

  /**
   * One run.
   *
   * @param order {@link #SUGGESTED} or {@link #RANDOM}
   * @param seed its seed
   * @param labeled labeled images at each point
   * @param miou validation mIoU at each point (0..1)
   */
  public record Curve(String order, long seed, int[] labeled, double[] miou) {}

  /** Curves of one order. */
  public List<Curve> of(String order) {
    return curves.stream().filter(c -> c.order().equals(order)).toList();
  }

  /** Mean mIoU per point over the seeds of an order. */
  public double[] mean(String order) {
    List<Curve> cs = of(order);
    double[] m = new double[cs.get(0).miou().length];
    for (Curve c : cs) {
      for (int i = 0; i < m.length; i++) {
        m[i] += c.miou()[i] / cs.size();
      }
    }
    return m;
  }

  /** A plain-text table: labeled images, mean (min–max) mIoU of each order. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    int[] labeled = curves.get(0).labeled();
    int seeds = of(SUGGESTED).size();
    sb.append(
        String.format(
            Locale.ROOT,
            "| labeled images | suggested mIoU (mean of %d seeds, min–max) | random mIoU (mean, min–max) |%n",
            seeds));
    sb.append("|---:|---:|---:|\n");
    for (int i = 0; i < labeled.length; i++) {
      sb.append(
          String.format(
              Locale.ROOT, "| %d | %s | %s |%n", labeled[i], cell(SUGGESTED, i), cell(RANDOM, i)));
    }
    return sb.toString();
  }

  private String cell(String order, int i) {
    List<Double> v = new ArrayList<>();
    of(order).forEach(c -> v.add(c.miou()[i] * 100));
    double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double min = v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    return String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", mean, min, max);
  }
}
