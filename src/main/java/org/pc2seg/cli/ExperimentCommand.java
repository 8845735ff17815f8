package org.pc2seg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.pc2seg.io.FileTrees;
import org.pc2seg.ml.data.TrainingData;
import org.pc2seg.ml.sampling.SamplingScheme;
import org.pc2seg.ml.train.Method;
import org.pc2seg.ml.train.RunFolder;
import org.pc2seg.ml.train.TrainConfig;
import org.pc2seg.ml.train.TrainingListener;
import org.pc2seg.ml.train.TrainingResult;
import org.pc2seg.ml.train.TrainingService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code experiment}: the semi-supervised gain, measured. For each number of labeled images n, the
 * first n images get their masks (a project's {@code ground-truth/} or saved masks, or the first n
 * of VOC-style training folders; see {@link ExperimentInputs}), the rest are unlabeled, and
 * supervised plus PC²Seg with each sampler train with the same labeled images, steps and seed; val
 * mIoU (after the last step) and wall time go into a markdown table. With {@code --seeds} every
 * cell runs once per seed and {@link ExperimentTable} adds means over the seeds and paired
 * differences; {@code --resume} keeps finished runs ({@link ExperimentResume}).
 */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    description =
        "Compare supervised vs PC2Seg (per sampler, per number of labeled images, per seed) on"
            + " the validation images of a project or of VOC-style folders; prints a markdown"
            + " table.")
public final class ExperimentCommand implements Callable<Integer> {
  @Option(
      names = "--project",
      description =
          "project: labeled TRAIN images first, then the unlabeled pool"
              + " (a generated sample's ground-truth/ masks are used when present)")
  Path project;

  @Mixin FolderOptions folders = new FolderOptions();

  @Option(
      names = "--labeled",
      split = ",",
      description =
          "numbers of labeled images (default: 6 with --project, every training image with"
              + " folders)")
  List<Integer> labeled;

  @Option(
      names = "--samplers",
      split = ",",
      defaultValue = "uniform,diff-image-debiased",
      description = "PC2Seg samplers to compare (default ${DEFAULT-VALUE})")
  List<String> samplers;

  @Option(names = "--out", defaultValue = "experiment-runs", description = "runs folder")
  Path out;

  @Option(names = "--parallel", defaultValue = "1", description = "runs at once (child JVMs)")
  int parallel;

  @Option(names = "--only", hidden = true, description = "run only this grid cell")
  Integer only;

  @Option(names = "--table", description = "also write the markdown table here")
  Path table;

  @Option(
      names = "--seeds",
      split = ",",
      description =
          "run every cell once per seed and add means and paired differences to the table"
              + " (default: the --seed value)")
  List<Long> seeds;

  @Option(
      names = "--resume",
      description = "keep finished runs whose settings match instead of training them again")
  boolean resume;

  @Mixin TrainOptions options = new TrainOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private ExperimentInputs inputs;

  /** One grid cell. */
  record Cell(int labeled, Method method, SamplingScheme sampling) {
    String dirName() {
      return "n"
          + labeled
          + "-"
          + method.cliName()
          + (method == Method.PC2SEG ? "-" + sampling.cliName() : "");
    }
  }

  /** One run: a cell trained with one seed, in {@code out/seed-S/<cell>}. */
  record Job(long seed, Cell cell) {
    Path dir(Path out) {
      return out.resolve("seed-" + seed).resolve(cell.dirName());
    }
  }

  List<Long> seedList(TrainConfig base) {
    return seeds == null || seeds.isEmpty() ? List.of(base.seed()) : List.copyOf(seeds);
  }

  List<Job> jobs(TrainConfig base) throws IOException {
    List<Job> jobs = new ArrayList<>();
    for (long seed : seedList(base)) {
      for (Cell c : grid()) {
        jobs.add(new Job(seed, c));
      }
    }
    return jobs;
  }

  /** Where the images come from (made once, on first use). */
  private ExperimentInputs inputs() {
    if (inputs == null) {
      inputs = new ExperimentInputs(project, folders);
    }
    return inputs;
  }

  /** The {@code --labeled} values, or the inputs' default. */
  List<Integer> labeledCounts() throws IOException {
    if (labeled == null || labeled.isEmpty()) {
      labeled = List.of(inputs().defaultLabeled());
    }
    return labeled;
  }

  List<Cell> grid() throws IOException {
    List<Cell> cells = new ArrayList<>();
    for (int n : labeledCounts()) {
      cells.add(new Cell(n, Method.SUPERVISED, SamplingScheme.DIFF_IMAGE_DEBIASED));
      for (String s : samplers) {
        cells.add(new Cell(n, Method.PC2SEG, SamplingScheme.parse(s)));
      }
    }
    return cells;
  }

  @Override
  public Integer call() {
    try {
      TrainConfig base = options.toConfig();
      List<Job> jobs = jobs(base);
      if (only != null) {
        runCell(jobs.get(only), base);
        return 0;
      }
      Files.createDirectories(out);
      if (parallel <= 1) {
        for (Job j : jobs) {
          runCell(j, base);
        }
      } else {
        List<Job> toRun = new ArrayList<>();
        for (Job j : jobs) {
          if (!kept(j, base)) {
            toRun.add(j);
          }
        }
        runChildren(toRun, jobs);
      }
      String md = table(base);
      System.out.println(md);
      if (table != null) {
        Files.writeString(table, md);
      }
      return 0;
    } catch (Exception e) {
      System.err.println("error: " + e.getMessage());
      if (System.getenv("PC2SEG_DEBUG") != null) {
        e.printStackTrace();
      }
      return 2;
    }
  }

  /** With {@code --resume}: whether this job's folder already holds it (then says so). */
  private boolean kept(Job job, TrainConfig base) {
    Path dir = job.dir(out);
    if (resume && ExperimentResume.finished(dir, config(job, base), job.cell().labeled())) {
      System.err.println(out.relativize(dir) + ": kept (finished with the same settings)");
      return true;
    }
    return false;
  }

  private static TrainConfig config(Job job, TrainConfig base) {
    Cell c = job.cell();
    return base.toBuilder()
        .optSeed(job.seed())
        .optMethod(c.method())
        .optSampling(c.sampling())
        .build();
  }

  /** Runs {@code toRun} in child JVMs; each child finds its job by its index in {@code all}. */
  private void runChildren(List<Job> toRun, List<Job> all)
      throws IOException, InterruptedException {
    List<String> original = spec.commandLine().getParseResult().originalArgs();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<Process> running = new ArrayList<>();
    int next = 0;
    while (next < toRun.size() || !running.isEmpty()) {
      running.removeIf(p -> !p.isAlive());
      while (running.size() < parallel && next < toRun.size()) {
        Job job = toRun.get(next);
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xmx1500m");
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.pc2seg.Main");
        cmd.addAll(original); // starts with the subcommand name

        cmd.add("--only");
        cmd.add(Integer.toString(all.indexOf(job)));
        Path log = Path.of(job.dir(out) + ".log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        running.add(
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        System.err.println("started " + out.relativize(job.dir(out)));
        next++;
      }
      Thread.sleep(500);
    }
  }

  private void runCell(Job job, TrainConfig base) throws IOException {
    if (kept(job, base)) {
      return;
    }
    Cell c = job.cell();
    TrainConfig cfg = config(job, base);
    Path dir = job.dir(out);
    TrainingData data = inputs().data(c.labeled());
    RunFolder rf = new RunFolder(dir);
    if (Files.exists(dir)) {
      FileTrees.deleteTree(dir);
    }
    TrainingListener l = new ProgressPrinter(System.err, cfg.steps());
    TrainingResult r = TrainingService.train(data, cfg, rf.dir(), l, null);
    System.err.println(out.relativize(dir) + ": " + r.message());
  }

  private String table(TrainConfig base) throws IOException {
    List<Long> seedList = seedList(base);
    String seedText = seedList.stream().map(String::valueOf).collect(Collectors.joining(", "));
    String header =
        String.format(
            Locale.ROOT,
            "steps %d, batch %d+%d, crop %d, %s, seed%s %s, lr %.1e, λ1 %.2f, λ2 %.2f, τ %.2f,"
                + " M %d, N %d, warm-up %d",
            base.steps(),
            base.batchLabeled(),
            base.batchUnlabeled(),
            base.crop(),
            base.backbone(),
            seedList.size() > 1 ? "s" : "",
            seedText,
            base.learningRate(),
            base.lambdaContrastive(),
            base.lambdaConsistency(),
            base.temperature(),
            base.anchors(),
            base.negatives(),
            base.unlabeledWarmupSteps());
    if (base.labeledCandidates() > 0) {
      header += ", L " + base.labeledCandidates() + " labeled candidates";
    }
    if (base.confidenceThreshold() > 0) {
      header +=
          String.format(Locale.ROOT, ", confidence threshold %.2f", base.confidenceThreshold());
    }
    if (base.sharpen() < 1) {
      header += String.format(Locale.ROOT, ", sharpen T %.2f", base.sharpen());
    }
    if (base.cutMix() > 0) {
      header += String.format(Locale.ROOT, ", CutMix p %.2f", base.cutMix());
    }
    if (base.unlabeledBatchNorm() != TrainConfig.defaults().unlabeledBatchNorm()) {
      header += ", unlabeled batch norm " + base.unlabeledBatchNorm().cliName();
    }
    // each run's metrics.json is read once: the report looks a run up several times
    Map<Job, ExperimentTable.RunResult> results = new HashMap<>();
    for (Job j : jobs(base)) {
      results.put(j, result(j));
    }
    return ExperimentTable.render(
        header, seedList, grid(), (seed, cell) -> results.get(new Job(seed, cell)));
  }

  /** A run's figures, or null when it has not finished or its metrics cannot be read. */
  private ExperimentTable.RunResult result(Job j) {
    try {
      return ExperimentTable.RunResult.read(j.dir(out).resolve(RunFolder.METRICS));
    } catch (IOException | RuntimeException e) {
      System.err.println(
          "unreadable metrics for seed " + j.seed() + " " + j.cell().dirName() + ": " + e);
      return null;
    }
  }
}
