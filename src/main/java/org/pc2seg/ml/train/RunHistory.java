package org.pc2seg.ml.train;

import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The loss curve and validations a run recorded in its {@code metrics.json}: what the training
 * charts draw for a run that is not in progress.
 *
 * @param plannedSteps the steps the run was configured for (the charts' step axis)
 * @param stepsDone steps trained
 * @param losses one point per logged step
 * @param validations every validation, in step order
 */
public record RunHistory(
    int plannedSteps, int stepsDone, List<Step> losses, List<ValidationMetrics> validations) {

  /** One logged step's losses. */
  public record Step(int step, double loss, double ce, double cy, double ctr) {}

  /** The form of metrics.json that this reads; fields it does not need are skipped. */
  private record Stored(
      Integer steps_done, List<MetricsLog.LossPoint> losses, List<MetricsLog.Val> validations) {}

  /** The best validation (highest mIoU, the earliest of equals), or null when none ran. */
  public ValidationMetrics best() {
    ValidationMetrics best = null;
    for (ValidationMetrics v : validations) {
      if (best == null || v.miou() > best.miou()) {
        best = v;
      }
    }
    return best;
  }

  /**
   * Reads the history of the run in {@code runDir}. A run still in its first checkpoint interval
   * has no metrics.json yet: that is an IOException saying so, as is a file that is not JSON.
   */
  public static RunHistory read(Path runDir) throws IOException {
    RunFolder run = new RunFolder(runDir);
    Path file = run.file(RunFolder.METRICS);
    if (!Files.exists(file)) {
      throw new IOException("no " + RunFolder.METRICS + " in " + run.dir() + " yet");
    }
    Stored s;
    try {
      s = RunFolder.GSON.fromJson(Files.readString(file), Stored.class);
    } catch (JsonParseException | IllegalStateException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (s == null) {
      throw new IOException(file + " is empty");
    }
    List<Step> losses =
        s.losses() == null
            ? List.of()
            : s.losses().stream()
                .map(p -> new Step(p.step(), p.loss(), p.ce(), p.cy(), p.ctr()))
                .toList();
    List<ValidationMetrics> vals =
        s.validations() == null
            ? List.of()
            : s.validations().stream().map(MetricsLog.Val::metrics).toList();
    int lastStep = losses.isEmpty() ? 0 : losses.get(losses.size() - 1).step();
    int done = s.steps_done() != null ? s.steps_done() : lastStep;
    int planned;
    try {
      planned = run.readConfig().steps();
    } catch (IOException | RuntimeException e) {
      planned = 0; // a run without a readable config: the axis follows the steps done
    }
    return new RunHistory(Math.max(planned, Math.max(done, lastStep)), done, losses, vals);
  }
}
