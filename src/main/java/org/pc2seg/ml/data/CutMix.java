package org.pc2seg.ml.data;

import java.util.SplittableRandom;

/**
 * One step's CutMix between the unlabeled images of a batch (French et al., "Semi-supervised
 * semantic segmentation needs strong, varied perturbations", BMVC 2020): image a's strong view gets
 * a rectangle of image {@code partner[a]}'s strong view pasted in, and its consistency target and
 * contrastive anchors are mixed the same way from the weak views, so pixel i of the mixed strong
 * view and pixel i of the mixed weak outputs still show the same scene point.
 *
 * <p>Rectangles are aligned to the model's stride-4 cells, so the mix is exact at the resolution of
 * the unlabeled losses. A pure description (no tensors): the training step applies {@link
 * #inputMask()} to the strong images and {@link #cellMask()} to the weak outputs.
 */
public final class CutMix {
  /** Side of one cell in input pixels (the stride of the projection and of the low logits). */
  public static final int CELL = 4;

  private final int images;
  private final int crop;
  private final int[] partner;
  private final int[][] boxes; // per image {y0, x0, h, w} in cells, or null when not mixed

  private CutMix(int images, int crop, int[] partner, int[][] boxes) {
    this.images = images;
    this.crop = crop;
    this.partner = partner;
    this.boxes = boxes;
  }

  /**
   * Draws the step's mix: each image is mixed with probability {@code probability}, from another
   * image of the batch (a random derangement), with a rectangle covering 25–50 % of the crop
   * (aspect ratio 1:2 to 2:1) at a random place.
   *
   * @param images unlabeled images in the batch (no mixing when fewer than 2)
   * @param crop crop side in pixels, a multiple of {@link #CELL}
   * @param probability chance that an image gets a pasted rectangle, in [0, 1]
   */
  public static CutMix draw(int images, int crop, double probability, SplittableRandom rng) {
    if (crop % CELL != 0) {
      throw new IllegalArgumentException("crop " + crop + " is not a multiple of " + CELL);
    }
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("CutMix probability must be in [0,1], got " + probability);
    }
    int[] partner = derangement(images, rng);
    int[][] boxes = new int[images][];
    int cells = crop / CELL;
    for (int a = 0; a < images && images >= 2; a++) {
      if (rng.nextDouble() < probability) {
        double area = (0.25 + 0.25 * rng.nextDouble()) * cells * cells;
        double aspect = Math.exp((rng.nextDouble() * 2 - 1) * Math.log(2));
        int h = clamp((int) Math.round(Math.sqrt(area * aspect)), 1, cells);
        int w = clamp((int) Math.round(area / h), 1, cells);
        int y0 = rng.nextInt(cells - h + 1);
        int x0 = rng.nextInt(cells - w + 1);
        boxes[a] = new int[] {y0, x0, h, w};
      }
    }
    return new CutMix(images, crop, partner, boxes);
  }

  /** No mixing at all (every image keeps its own pixels). */
  public static CutMix none(int images, int crop) {
    int[] identity = new int[images];
    for (int i = 0; i < images; i++) {
      identity[i] = i;
    }
    return new CutMix(images, crop, identity, new int[images][]);
  }

  /** Whether any image gets a pasted rectangle. */
  public boolean any() {
    for (int[] b : boxes) {
      if (b != null) {
        return true;
      }
    }
    return false;
  }

  /** The image whose pixels are pasted into image {@code a} (a itself when it is not mixed). */
  public int partner(int a) {
    return boxes[a] == null ? a : partner[a];
  }

  /** Partner of every image (see {@link #partner(int)}), as a gather index. */
  public long[] partners() {
    long[] p = new long[images];
    for (int a = 0; a < images; a++) {
      p[a] = partner(a);
    }
    return p;
  }

  /** B×1×crop×crop: 1 where image a keeps its own pixel, 0 where its partner's is pasted. */
  public float[] inputMask() {
    return mask(crop, CELL);
  }

  /** B×1×(crop/4)×(crop/4): the same mask at cell resolution. */
  public float[] cellMask() {
    return mask(crop / CELL, 1);
  }

  /**
   * Which unlabeled image each cell of the mixed batch shows: B×(crop/4)×(crop/4) values, rows
   * ordered image, y, x (the order of the objective's flattened pixels).
   */
  public int[] sourceImage() {
    int cells = crop / CELL;
    float[] own = cellMask();
    int[] src = new int[own.length];
    for (int i = 0; i < src.length; i++) {
      int a = i / (cells * cells);
      src[i] = own[i] > 0.5f ? a : partner(a);
    }
    return src;
  }

  private float[] mask(int side, int scale) {
    float[] m = new float[images * side * side];
    java.util.Arrays.fill(m, 1f);
    for (int a = 0; a < images; a++) {
      int[] b = boxes[a];
      if (b == null) {
        continue;
      }
      for (int y = b[0] * scale; y < (b[0] + b[2]) * scale; y++) {
        int row = a * side * side + y * side;
        java.util.Arrays.fill(m, row + b[1] * scale, row + (b[1] + b[3]) * scale, 0f);
      }
    }
    return m;
  }

  private static int[] derangement(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    if (n < 2) {
      return p;
    }
    // Sattolo's algorithm: a uniformly random cyclic permutation, which has no fixed point
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
