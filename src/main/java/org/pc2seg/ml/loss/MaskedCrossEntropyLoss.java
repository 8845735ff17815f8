package org.pc2seg.ml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import org.pc2seg.ml.tensor.Scalars;

/**
 * Pixel-wise softmax cross-entropy that ignores one label value (255 = unlabeled): the mean of −log
 * softmax(logits)[y] over the labeled pixels, 0 when a batch has none.
 *
 * <p>Usable as the {@link Loss} of a DJL {@code TrainingConfig} (labels: NDList(B×H×W masks),
 * predictions: NDList(B×K×H×W logits, ...)) or directly through {@link #evaluate(NDArray,
 * NDArray)}.
 */
public final class MaskedCrossEntropyLoss extends Loss {

  /** The mask value of unlabeled pixels. */
  public static final int IGNORE = 255;

  private final int ignoreIndex;

  /** A loss that ignores {@value #IGNORE}. */
  public MaskedCrossEntropyLoss() {
    this(IGNORE);
  }

  /** A loss that ignores {@code ignoreIndex}. */
  public MaskedCrossEntropyLoss(int ignoreIndex) {
    super("MaskedCrossEntropy");
    this.ignoreIndex = ignoreIndex;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    return evaluate(predictions.head(), labels.head());
  }

  /**
   * The loss.
   *
   * @param logits B×K×H×W class scores
   * @param labels B×H×W class indices (uint8, int8 read as unsigned, int32 or int64), {@code
   *     ignoreIndex} where unlabeled
   * @return a scalar
   * @throws IllegalArgumentException when a label is neither a class id nor the ignore value
   */
  public NDArray evaluate(NDArray logits, NDArray labels) {
    long k = logits.getShape().get(1);
    NDArray y =
        labels.getDataType() == DataType.INT8 // Java bytes: −1 is mask value 255
            ? labels.toType(DataType.UINT8, false).toType(DataType.INT64, false)
            : labels.toType(DataType.INT64, false);
    NDArray valid = y.neq(ignoreIndex);
    NDArray safe = y.mul(valid.toType(DataType.INT64, false));
    long max = safe.max().getLong();
    long min = safe.min().getLong();
    if (max >= k || min < 0) {
      throw new IllegalArgumentException(
          "mask value "
              + (max >= k ? max : min)
              + " is neither a class id (0.."
              + (k - 1)
              + ") nor "
              + ignoreIndex
              + " (unlabeled)");
    }
    NDArray logp = logits.logSoftmax(1).gather(safe.expandDims(1), 1).squeeze(1);
    NDArray w = valid.toType(logits.getDataType(), false);
    float count = w.sum().getFloat();
    return Scalars.div(logp.mul(w).sum().neg(), Math.max(count, 1f));
  }
}
