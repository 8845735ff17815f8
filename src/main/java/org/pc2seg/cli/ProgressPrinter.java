package org.pc2seg.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.pc2seg.ml.train.TrainingListener;
import org.pc2seg.ml.train.TrainingProgress;
import org.pc2seg.ml.train.ValidationMetrics;

/** Prints training progress to stderr: a redrawn bar on a terminal, plain lines otherwise. */
final class ProgressPrinter implements TrainingListener {
  private final PrintStream out;
  private final boolean tty;
  private final int every;

  ProgressPrinter(PrintStream out, int totalSteps) {
    this.out = out;
    this.tty = System.console() != null && System.getenv("TERM") != null;
    this.every = Math.max(1, totalSteps / 20);
  }

  @Override
  public void onProgress(TrainingProgress p) {
    String stats =
        String.format(
            Locale.ROOT,
            "step %d/%d loss %.4f (ce %.4f cy %.4f ctr %.4f) lr %.2e %.1f img/s eta %ds",
            p.step(),
            p.totalSteps(),
            p.loss(),
            p.ce(),
            p.consistency(),
            p.contrastive(),
            p.learningRate(),
            p.imagesPerSecond(),
            p.etaMillis() / 1000);
    if (tty) {
      int w = 30;
      int filled = (int) ((long) w * p.step() / p.totalSteps());
      out.print("\r[" + "#".repeat(filled) + " ".repeat(w - filled) + "] " + stats + "   ");
      if (p.step() == p.totalSteps()) {
        out.println();
      }
      out.flush();
    } else if (p.step() % every == 0 || p.step() == p.totalSteps() || p.step() == 1) {
      out.println(stats);
    }
  }

  @Override
  public void onValidation(ValidationMetrics m) {
    if (tty) {
      out.println();
    }
    out.println(
        String.format(
            Locale.ROOT,
            "validation at step %d: mIoU %.4f pixel acc %.4f",
            m.step(),
            m.miou(),
            m.pixelAccuracy()));
  }

  @Override
  public void onMessage(String message) {
    if (tty) {
      out.println();
    }
    out.println(message);
  }
}
