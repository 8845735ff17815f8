package org.pc2seg.gui.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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
   * "Active model (val mIoU 32.7 %): NAME" when the run was validated, else "Active model: NAME",
   * so its quality shows without opening the training monitor. The part before the name does not
   * break (non-breaking spaces): the name wraps to the next line as a whole, which keeps the label
   * at two lines in the narrow right-hand pane.
   */
  public static String activeModelText(Path active, List<RunSummary> runs) {
    if (active == null) {
      return "Active model: none";
    }
    for (RunSummary r : runs) {
      if (sameDir(r.dir(), active) && !Double.isNaN(r.miou())) {
        String quality = "Active model (val mIoU " + formatMiou(r.miou()) + "):";
        return quality.replace(' ', '\u00a0') + " " + active.getFileName();
      }
    }
    return "Active model: " + active.getFileName();
  }

  /** Whether two run folders are the same (either may be null or relative). */
  static boolean sameDir(Path a, Path b) {
    return Objects.equals(norm(a), norm(b));
  }

  private static Path norm(Path p) {
    return p == null ? null : p.toAbsolutePath().normalize();
  }

  /** "61.3 %", or "–" for a run never validated. */
  static String formatMiou(double miou) {
    return Double.isNaN(miou) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * miou);
  }
}
