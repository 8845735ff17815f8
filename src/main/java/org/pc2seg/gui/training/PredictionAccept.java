package org.pc2seg.gui.training;

import java.util.Optional;
import org.pc2seg.edit.MaskEdit;
import org.pc2seg.edit.MaskEditSession;
import org.pc2seg.gui.overlay.PredictionImage;
import org.pc2seg.image.IndexMask;

/**
 * "Accept prediction": copies the confident part of a prediction into the editable mask as one
 * stroke, so a single undo takes it back. Pixels below the threshold keep what the user painted.
 */
public final class PredictionAccept {
  private PredictionAccept() {}

  /**
   * Writes every pixel whose confidence is at least {@code threshold} with its predicted class.
   *
   * @return the undoable edit, empty when nothing changed
   */
  public static Optional<MaskEdit> apply(
      MaskEditSession session, PredictionImage pred, double threshold) {
    IndexMask m = session.mask();
    if (m.width() != pred.width() || m.height() != pred.height()) {
      throw new IllegalArgumentException(
          "prediction is "
              + pred.width()
              + "x"
              + pred.height()
              + " but the mask is "
              + m.width()
              + "x"
              + m.height());
    }
    IndexMask t = pred.thresholdedMask(threshold);
    byte[] d = t.data();
    int w = t.width();
    session.beginStroke("Accept prediction");
    for (int y = 0; y < t.height(); y++) {
      int row = y * w;
      int x = 0;
      while (x < w) {
        int v = d[row + x] & 0xFF;
        int end = x + 1;
        while (end < w && (d[row + end] & 0xFF) == v) {
          end++;
        }
        if (v != IndexMask.IGNORE) {
          session.fillSpan(y, x, end, v);
        }
        x = end;
      }
    }
    return session.endStroke();
  }

  /** Why accepting changed nothing: no pixel is confident enough, or the mask already agrees. */
  public static String whyNothingChanged(PredictionImage pred, double threshold) {
    return pred.confidentPixels(threshold) == 0
        ? String.format(
            java.util.Locale.ROOT,
            "No pixel of the prediction reaches confidence %.2f; lower \"Min. confidence\" to"
                + " accept it.",
            threshold)
        : "The prediction matches the mask already.";
  }
}
