package org.pc2seg.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.pc2seg.cli.ExperimentCommand.Cell;
import org.pc2seg.ml.sampling.SamplingScheme;
import org.pc2seg.ml.train.Method;

/**
 * The {@code experiment} command's markdown report: one row per run (seed × cell), then, when there
 * are several seeds, the mean and standard deviation of each cell over the seeds and the paired
 * differences that the comparison is about (each PC²Seg sampler minus supervised, and each sampler
 * minus uniform), with their standard errors and how many seeds came out at or above zero. A run
 * with no {@code metrics.json} shows as failed and is left out of the summary.
 */
final class ExperimentTable {

  /** The figures of one finished run, in percent and seconds. */
  record RunResult(double lastMiou, double bestMiou, double pixelAcc, double wallSeconds) {

    /** Reads a run folder's {@code metrics.json}; null when the run did not finish. */
    static RunResult read(Path metrics) throws IOException {
      if (!Files.exists(metrics)) {
        return null;
      }
      JsonObject json = JsonParser.parseString(Files.readString(metrics)).getAsJsonObject();
      JsonObject last = json.getAsJsonObject("last");
      JsonObject best = json.getAsJsonObject("best");
      if (last == null || best == null) {
        return null;
      }
      return new RunResult(
          100 * last.get("miou").getAsDouble(),
          100 * best.get("miou").getAsDouble(),
          100 * last.get("pixel_acc").getAsDouble(),
          json.get("wall_ms").getAsDouble() / 1000);
    }
  }

  private ExperimentTable() {}

  /**
   * The report for these seeds and cells.
   *
   * @param header the settings line printed above the tables
   * @param results the result of (seed, cell), null for a run that failed or did not run
   */
  static String render(
      String header,
      List<Long> seeds,
      List<Cell> cells,
      BiFunction<Long, Cell, RunResult> results) {
    StringBuilder b = new StringBuilder(header).append("\n\n");
    b.append(
        "| seed | labeled | method | sampler | val mIoU | best val mIoU | pixel acc | wall time |\n");
    b.append("|---:|---:|---|---|---:|---:|---:|---:|\n");
    for (long seed : seeds) {
      for (Cell c : cells) {
        RunResult r = results.apply(seed, c);
        b.append(
            String.format(Locale.ROOT, "| %d | %d | %s | %s |", seed, c.labeled(), m(c), s(c)));
        b.append(
            r == null
                ? " failed | | | |\n"
                : String.format(
                    Locale.ROOT,
                    " %.1f | %.1f | %.1f | %.0f s |%n",
                    r.lastMiou(),
                    r.bestMiou(),
                    r.pixelAcc(),
                    r.wallSeconds()));
      }
    }
    if (seeds.size() > 1) {
      summary(b, seeds, cells, results);
    }
    return b.toString();
  }

  private static void summary(
      StringBuilder b, List<Long> seeds, List<Cell> cells, BiFunction<Long, Cell, RunResult> res) {
    b.append("\nMean ± standard deviation over ").append(seeds.size()).append(" seeds:\n\n");
    b.append(
        "| labeled | method | sampler | runs | val mIoU | best val mIoU | pixel acc | wall time |\n");
    b.append("|---:|---|---|---:|---:|---:|---:|---:|\n");
    for (Cell c : cells) {
      List<Double> last = new ArrayList<>();
      List<Double> best = new ArrayList<>();
      List<Double> acc = new ArrayList<>();
      List<Double> wall = new ArrayList<>();
      for (long seed : seeds) {
        RunResult r = res.apply(seed, c);
        if (r != null) {
          last.add(r.lastMiou());
          best.add(r.bestMiou());
          acc.add(r.pixelAcc());
          wall.add(r.wallSeconds());
        }
      }
      b.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %d | %s | %s | %s | %s |%n",
              c.labeled(),
              m(c),
              s(c),
              last.size(),
              meanSd(last),
              meanSd(best),
              meanSd(acc),
              wall.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f s", mean(wall))));
    }
    b.append(
        "\nPaired differences (same seed, same labeled images; mean ± standard error) in val"
            + " mIoU after the last step and in best val mIoU (the checkpoint the app keeps):\n\n");
    b.append("| labeled | comparison | seeds | val mIoU | best val mIoU | seeds ≥ 0 (val) |\n");
    b.append("|---:|---|---:|---:|---:|---:|\n");
    for (Cell c : cells) {
      if (c.method() != Method.PC2SEG) {
        continue;
      }
      Cell sup = new Cell(c.labeled(), Method.SUPERVISED, SamplingScheme.DIFF_IMAGE_DEBIASED);
      if (cells.contains(sup)) {
        paired(b, c, sup, seeds, res);
      }
      Cell uni = new Cell(c.labeled(), Method.PC2SEG, SamplingScheme.UNIFORM);
      if (!c.equals(uni) && cells.contains(uni)) {
        paired(b, c, uni, seeds, res);
      }
    }
  }

  private static void paired(
      StringBuilder b, Cell a, Cell base, List<Long> seeds, BiFunction<Long, Cell, RunResult> res) {
    List<Double> d = new ArrayList<>();
    List<Double> best = new ArrayList<>();
    for (long seed : seeds) {
      RunResult x = res.apply(seed, a);
      RunResult y = res.apply(seed, base);
      if (x != null && y != null) {
        d.add(x.lastMiou() - y.lastMiou());
        best.add(x.bestMiou() - y.bestMiou());
      }
    }
    long atLeast = d.stream().filter(v -> v >= 0).count();
    b.append(
        String.format(
            Locale.ROOT,
            "| %d | %s − %s | %d | %s | %s | %d/%d |%n",
            a.labeled(),
            label(a),
            label(base),
            d.size(),
            d.isEmpty() ? "-" : signedMeanSe(d),
            best.isEmpty() ? "-" : signedMeanSe(best),
            atLeast,
            d.size()));
  }

  static double mean(List<Double> v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.size();
  }

  /** Sample standard deviation (n − 1); 0 for fewer than two values. */
  static double sd(List<Double> v) {
    if (v.size() < 2) {
      return 0;
    }
    double mu = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - mu) * (x - mu);
    }
    return Math.sqrt(s / (v.size() - 1));
  }

  private static String meanSd(List<Double> v) {
    return v.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f ± %.1f", mean(v), sd(v));
  }

  private static String signedMeanSe(List<Double> v) {
    return String.format(
        Locale.ROOT, "%+.1f ± %.1f", mean(v), sd(v) / Math.sqrt(Math.max(1, v.size())));
  }

  private static String m(Cell c) {
    return c.method().cliName();
  }

  private static String s(Cell c) {
    return c.method() == Method.PC2SEG ? c.sampling().cliName() : "-";
  }

  private static String label(Cell c) {
    return c.method() == Method.PC2SEG ? c.sampling().cliName() : "supervised";
  }
}
