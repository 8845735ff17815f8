package org.pc2seg.ml.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import org.pc2seg.image.Downscale;
import org.pc2seg.ml.data.ImageTensors;
import org.pc2seg.ml.tensor.NoGrad;
import org.pc2seg.ml.tensor.Upload;

/**
 * Runs a segmentation block on a whole image in inference mode (BatchNorm running statistics): an
 * image larger than the model's working size is shrunk to it, padded to a multiple of 16 with the
 * mean colour, and the probabilities are cropped (and rescaled) back to the original size. Memory
 * is freed per call: the image goes in through {@link Upload}, not a direct buffer left for the
 * garbage collector.
 */
public final class Inference {
  private static final int MULTIPLE = 16;

  private Inference() {}

  /**
   * Class probabilities (K×H×W, at the image's own size) of an image; an image whose long side
   * exceeds {@code maxSide} (when > 0) runs through the network at that size and its probabilities
   * are scaled back up.
   */
  public static Prediction predict(
      Block block, NDManager manager, BufferedImage image, int maxSide) {
    int w0 = image.getWidth();
    int h0 = image.getHeight();
    BufferedImage img = Downscale.toMaxSide(image, maxSide);
    int w = img.getWidth();
    int h = img.getHeight();
    int pw = (w + MULTIPLE - 1) / MULTIPLE * MULTIPLE;
    int ph = (h + MULTIPLE - 1) / MULTIPLE * MULTIPLE;
    float[] src = ImageTensors.normalized(img);
    float[] padded = new float[3 * pw * ph];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < h; y++) {
        System.arraycopy(src, (c * h + y) * w, padded, (c * ph + y) * pw, w);
      }
    }
    try (NoGrad off = NoGrad.enter();
        NDManager sm = manager.newSubManager()) {
      NDArray x = Upload.floats(sm, padded, new Shape(1, 3, ph, pw));
      NDList out = block.forward(new ParameterStore(sm, false), new NDList(x), false);
      NDArray logits = out.get(0).get(new NDIndex(":, :, :{}, :{}", h, w));
      if (w != w0 || h != h0) {
        logits = logits.getNDArrayInternal().interpolation(new long[] {h0, w0}, 1, false);
      }
      NDArray probs = logits.softmax(1);
      int k = (int) probs.getShape().get(1);
      return new Prediction(w0, h0, k, probs.toFloatArray());
    }
  }
}
