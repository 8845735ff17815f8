package org.pc2seg.gui.training;

import java.util.ArrayList;
import java.util.List;
import org.pc2seg.active.ProbabilityMap;
import org.pc2seg.ml.sampling.NegativeDistribution;
import org.pc2seg.ml.sampling.SamplingScheme;

/**
 * The heat-map behind heat-map mode: for an anchor pixel of image 0, the probability p_ij that each
 * candidate pixel j of images 0..n-1 (the shown image and a strip of pool images, as one
 * mini-batch) is drawn as its negative, from {@link NegativeDistribution} and the model's class
 * probabilities. Candidates are taken on a grid of one pixel per {@code stride}×{@code stride}
 * cell, like the engine's projection features at 1/4 resolution; the anchor's own cell is a
 * candidate too and gets 0. Plain Java: run it off the FX thread.
 */
public final class NegativeHeatmap {
  /**
   * One image's share of the distribution.
   *
   * @param gridWidth candidates per row
   * @param gridHeight candidate rows
   * @param values p_ij per candidate, row-major
   */
  public record Layer(int gridWidth, int gridHeight, double[] values) {
    /** Sum of this image's p_ij. */
    public double sum() {
      double s = 0;
      for (double v : values) {
        s += v;
      }
      return s;
    }
  }

  /**
   * The result.
   *
   * @param scheme the sampling scheme used
   * @param stride pixels per candidate cell
   * @param layers one per image, image 0 holding the anchor
   * @param anchorIndex the anchor's candidate index within layer 0
   */
  public record Result(SamplingScheme scheme, int stride, List<Layer> layers, int anchorIndex) {
    /** Largest p_ij of all layers (for a shared colour scale). */
    public double max() {
      double m = 0;
      for (Layer l : layers) {
        for (double v : l.values()) {
          m = Math.max(m, v);
        }
      }
      return m;
    }

    /** Sum of p_ij over all candidates (1 unless no candidate can be drawn). */
    public double total() {
      double s = 0;
      for (Layer l : layers) {
        s += l.sum();
      }
      return s;
    }
  }

  private NegativeHeatmap() {}

  /**
   * Computes p_ij.
   *
   * @param scheme sampling scheme
   * @param maps class probabilities of the images; maps.get(0) holds the anchor
   * @param anchorX anchor column in image 0 (pixels)
   * @param anchorY anchor row in image 0 (pixels)
   * @param stride candidate grid spacing in pixels (1 = every pixel)
   */
  public static Result compute(
      SamplingScheme scheme, List<ProbabilityMap> maps, int anchorX, int anchorY, int stride) {
    if (maps.isEmpty()) {
      throw new IllegalArgumentException("no images to compute a heat-map on");
    }
    if (stride < 1) {
      throw new IllegalArgumentException("stride must be at least 1: " + stride);
    }
    ProbabilityMap first = maps.get(0);
    int k = first.classes();
    if (anchorX < 0 || anchorY < 0 || anchorX >= first.width() || anchorY >= first.height()) {
      throw new IllegalArgumentException(
          "anchor (" + anchorX + ", " + anchorY + ") is outside the image");
    }
    int m = 0;
    int[] gw = new int[maps.size()];
    int[] gh = new int[maps.size()];
    for (int i = 0; i < maps.size(); i++) {
      ProbabilityMap p = maps.get(i);
      if (p.classes() != k) {
        throw new IllegalArgumentException(
            "image " + i + " has " + p.classes() + " classes, expected " + k);
      }
      gw[i] = (p.width() + stride - 1) / stride;
      gh[i] = (p.height() + stride - 1) / stride;
      m += gw[i] * gh[i];
    }
    double[] probs = new double[m * k];
    int[] image = new int[m];
    int j = 0;
    for (int i = 0; i < maps.size(); i++) {
      ProbabilityMap p = maps.get(i);
      int n = p.pixels();
      for (int gy = 0; gy < gh[i]; gy++) {
        int y = Math.min(p.height() - 1, gy * stride + stride / 2);
        for (int gx = 0; gx < gw[i]; gx++) {
          int x = Math.min(p.width() - 1, gx * stride + stride / 2);
          int px = y * p.width() + x;
          for (int c = 0; c < k; c++) {
            probs[j * k + c] = p.data()[c * n + px];
          }
          image[j++] = i;
        }
      }
    }
    int anchor = (anchorY / stride) * gw[0] + anchorX / stride;
    // the anchor's feature is its own pixel's probabilities, not the cell centre's
    double[] anchorProb = new double[k];
    int ap = anchorY * first.width() + anchorX;
    for (int c = 0; c < k; c++) {
      anchorProb[c] = first.data()[c * first.pixels() + ap];
    }
    double[] p = NegativeDistribution.probabilities(scheme, anchorProb, 0, probs, image, k, anchor);
    List<Layer> layers = new ArrayList<>();
    int off = 0;
    for (int i = 0; i < maps.size(); i++) {
      double[] v = new double[gw[i] * gh[i]];
      System.arraycopy(p, off, v, 0, v.length);
      off += v.length;
      layers.add(new Layer(gw[i], gh[i], v));
    }
    return new Result(scheme, stride, layers, anchor);
  }
}
