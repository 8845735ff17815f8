package org.pc2seg.ml.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import org.pc2seg.ml.data.LabeledImage;
import org.pc2seg.ml.data.SegmentationSource;
import org.pc2seg.ml.infer.Inference;
import org.pc2seg.ml.infer.Prediction;

/** Measures mIoU, per-class IoU and pixel accuracy of a block on labeled images (whole images). */
public final class Validator {
  private Validator() {}

  /**
   * Evaluates in inference mode.
   *
   * @param step recorded in the result
   * @param cancel checked between images (null = never)
   */
  public static ValidationMetrics evaluate(
      Block block,
      NDManager manager,
      SegmentationSource images,
      int numClasses,
      int step,
      CancelToken cancel)
      throws IOException {
    ConfusionMatrix cm = new ConfusionMatrix(numClasses);
    for (int i = 0; i < images.size(); i++) {
      if (cancel != null && cancel.isCancelled()) {
        break;
      }
      LabeledImage li = images.load(i);
      Prediction p = Inference.predict(block, manager, li.image(), 0);
      cm.add(li.mask().data(), p.classes());
    }
    return cm.metrics(step);
  }
}
