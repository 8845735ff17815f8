package org.pc2seg.gui.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One row of the runs list.
 *
 * @param name run name (its folder name)
 * @param dir run folder
 * @param steps steps trained
 * @param miou best validation mIoU (0..1), NaN if never validated
 * @param method training method (pc2seg / supervised) or "" if unknown
 * @param sampling negative sampling scheme or "" if unknown
 */
public record RunSummary(
    String name, Path dir, int steps, double miou, String method, String sampling) {

  /**
   * "Active model: NAME", with its best validation mIoU when it was validated, so its quality shows
   * without opening the training monitor.
   */
  public static String activeModelText(Path active, List<RunSummary> runs) {
    if (active == null) {
      return "Active model: none";
    }
    String text = "Active model: " + active.getFileName();
    Path want = active.toAbsolutePath().normalize();
    for (RunSummary r : runs) {
      if (r.dir().toAbsolutePath().normalize().equals(want) && !Double.isNaN(r.miou())) {
        // non-breaking spaces: the label wraps before the parenthesis, not inside it
        return text
            + String.format(Locale.ROOT, " (val\u00a0mIoU\u00a0%.1f\u00a0%%)", 100 * r.miou());
      }
    }
    return text;
  }
}
