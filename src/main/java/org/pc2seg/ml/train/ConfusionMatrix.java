package org.pc2seg.ml.train;

/** Accumulates a K×K confusion matrix over labeled pixels and turns it into metrics. */
public final class ConfusionMatrix {
  private final int k;
  private final long[] counts;

  public ConfusionMatrix(int numClasses) {
    this.k = numClasses;
    this.counts = new long[numClasses * numClasses];
  }

  /** Adds one image: labels (255 = ignored) and predicted class ids, same length. */
  public void add(byte[] labels, int[] predicted) {
    for (int i = 0; i < labels.length; i++) {
      int t = labels[i] & 0xFF;
      if (t < k) {
        counts[t * k + predicted[i]]++;
      }
    }
  }

  /** Count of pixels with truth t predicted as p. */
  public long count(int truth, int predicted) {
    return counts[truth * k + predicted];
  }

  /**
   * Metrics: IoU per class (NaN where a class is absent from both truth and prediction), mIoU over
   * the other classes, pixel accuracy over labeled pixels.
   */
  public ValidationMetrics metrics(int step) {
    double[] iou = new double[k];
    long correct = 0;
    long total = 0;
    double sum = 0;
    int present = 0;
    for (int c = 0; c < k; c++) {
      long tp = counts[c * k + c];
      long fn = 0;
      long fp = 0;
      for (int o = 0; o < k; o++) {
        if (o != c) {
          fn += counts[c * k + o];
          fp += counts[o * k + c];
        }
      }
      long denom = tp + fp + fn;
      iou[c] = denom == 0 ? Double.NaN : (double) tp / denom;
      if (denom > 0) {
        sum += iou[c];
        present++;
      }
      correct += tp;
      total += tp + fn;
    }
    return new ValidationMetrics(
        step, present == 0 ? 0 : sum / present, iou, total == 0 ? 0 : (double) correct / total);
  }
}
