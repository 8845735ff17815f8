package org.pc2seg.ml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.pc2seg.ml.tensor.Upload;

/**
 * Labeled pixels drawn as extra negative candidates for the contrastive loss: their projection
 * features (with gradient), their one-hot painted class as ŷ and an image index of their own, so
 * they always count as another image than any unlabeled anchor.
 *
 * @param features L×D projection features
 * @param probabilities L×K one-hot painted classes
 * @param imageIds L image indices, after those of the unlabeled images
 */
record LabeledCandidates(NDArray features, NDArray probabilities, NDArray imageIds) {

  /**
   * Draws up to {@code count} distinct labeled pixels uniformly among those with a painted class,
   * at projection resolution: the label read at the centre of each stride×stride cell.
   *
   * @param labeledZ B_l×D×h×w projection of the labeled images
   * @param labels B_l×H×W masks, H and W multiples of h and w
   * @param classes K
   * @param ignore the mask value of unpainted pixels
   * @param count L
   * @param firstImageId the image index of the first labeled image (the unlabeled batch size)
   * @param seed seed of the draw
   * @return the candidates, or null when no labeled pixel has a class
   */
  static LabeledCandidates pick(
      NDArray labeledZ,
      NDArray labels,
      int classes,
      int ignore,
      int count,
      int firstImageId,
      long seed) {
    Shape zs = labeledZ.getShape();
    Shape ls = labels.getShape();
    int images = (int) zs.get(0);
    int d = (int) zs.get(1);
    int h = (int) zs.get(2);
    int w = (int) zs.get(3);
    int bigH = (int) ls.get(1);
    int bigW = (int) ls.get(2);
    if (ls.get(0) != images || bigH % h != 0 || bigW % w != 0) {
      throw new IllegalArgumentException(
          "labels " + ls + " do not match the labeled projection " + zs);
    }
    int sy = bigH / h;
    int sx = bigW / w;
    long[] lab = labels.toType(DataType.INT64, false).toLongArray();
    int[] pool = new int[images * h * w];
    int[] classOf = new int[pool.length];
    int n = 0;
    for (int i = 0; i < images; i++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          long v = lab[(i * bigH + y * sy + sy / 2) * bigW + x * sx + sx / 2];
          if (v != ignore && v >= 0 && v < classes) {
            int flat = (i * h + y) * w + x;
            pool[n] = flat;
            classOf[flat] = (int) v;
            n++;
          }
        }
      }
    }
    int[] chosen = DistinctDraw.first(pool, n, count, new SplittableRandom(seed));
    int l = chosen.length;
    if (l == 0) {
      return null;
    }
    long[] picked = new long[l];
    float[] oneHot = new float[l * classes];
    int[] imageIds = new int[l];
    for (int i = 0; i < l; i++) {
      picked[i] = chosen[i];
      oneHot[i * classes + classOf[chosen[i]]] = 1f;
      imageIds[i] = firstImageId + chosen[i] / (h * w);
    }
    NDManager mgr = labeledZ.getManager();
    NDArray features =
        AnchorContrast.pixelsLast(labeledZ, d).get(Upload.longs(mgr, picked, new Shape(l)));
    return new LabeledCandidates(
        features,
        Upload.floats(mgr, oneHot, new Shape(l, classes)),
        Upload.ints(mgr, imageIds, new Shape(l)));
  }
}
