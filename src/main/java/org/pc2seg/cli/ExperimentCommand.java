package org.pc2seg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pc2seg.ml.data.FileListSource;
import org.pc2seg.ml.data.ProjectSource;
import org.pc2seg.ml.data.TrainingData;
import org.pc2seg.ml.sampling.SamplingScheme;
import org.pc2seg.ml.train.Method;
import org.pc2seg.ml.train.TrainConfig;
import org.pc2seg.ml.train.TrainingListener;
import org.pc2seg.ml.train.TrainingResult;
import org.pc2seg.ml.train.TrainingService;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import org.pc2seg.sample.SampleProjectGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code experiment}: the semi-supervised gain, measured. For each number of labeled images n, the
 * first n pool images get their oracle masks (from the sample's {@code ground-truth/}), the rest of
 * the pool is unlabeled, and supervised plus PC²Seg with each sampler train with the same labeled
 * images, steps and seed; val mIoU (after the last step) and wall time go into a markdown table.
 */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    description =
        "Compare supervised vs PC2Seg (per sampler, per number of labeled images) on a sample"
            + " project's validation split; prints a markdown table.")
public final class ExperimentCommand implements Callable<Integer> {
  @Option(names = "--project", required = true, description = "sample project (with ground-truth/)")
  Path project;

  @Option(
      names = "--labeled",
      split = ",",
      defaultValue = "6",
      description = "numbers of labeled images (default ${DEFAULT-VALUE})")
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

  @Mixin TrainOptions options = new TrainOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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

  List<Cell> grid() {
    List<Cell> cells = new ArrayList<>();
    for (int n : labeled) {
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
      List<Cell> cells = grid();
      TrainConfig base = options.toConfig();
      if (only != null) {
        runCell(cells.get(only), base);
        return 0;
      }
      Files.createDirectories(out);
      if (parallel <= 1) {
        for (Cell c : cells) {
          runCell(c, base);
        }
      } else {
        runChildren(cells);
      }
      String md = table(cells, base);
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

  private void runChildren(List<Cell> cells) throws IOException, InterruptedException {
    List<String> original = spec.commandLine().getParseResult().originalArgs();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<Process> running = new ArrayList<>();
    int next = 0;
    while (next < cells.size() || !running.isEmpty()) {
      running.removeIf(p -> !p.isAlive());
      while (running.size() < parallel && next < cells.size()) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xmx1500m");
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.pc2seg.Main");
        cmd.addAll(original); // starts with the subcommand name

        cmd.add("--only");
        cmd.add(Integer.toString(next));
        Path log = out.resolve(cells.get(next).dirName() + ".log");
        Files.deleteIfExists(log);
        running.add(
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        System.err.println("started " + cells.get(next).dirName());
        next++;
      }
      Thread.sleep(500);
    }
  }

  private void runCell(Cell c, TrainConfig base) throws IOException {
    Project p = ProjectStore.open(project);
    List<ImageItem> pool = new ArrayList<>(p.labeledTrainItems());
    for (ImageItem i : p.unlabeledPool()) {
      if (!pool.contains(i)) {
        pool.add(i);
      }
    }
    if (c.labeled() > pool.size()) {
      throw new IllegalArgumentException("only " + pool.size() + " pool images");
    }
    List<Path> li = new ArrayList<>();
    List<Path> lm = new ArrayList<>();
    List<Path> ui = new ArrayList<>();
    for (int i = 0; i < pool.size(); i++) {
      ImageItem it = pool.get(i);
      if (i < c.labeled()) {
        Path truth = SampleProjectGenerator.groundTruth(p, it);
        li.add(p.imageFile(it));
        lm.add(Files.exists(truth) ? truth : p.maskFile(it));
      } else {
        ui.add(p.imageFile(it));
      }
    }
    int k = p.numClasses();
    TrainingData data =
        new TrainingData(
            new FileListSource(li, lm, k),
            new FileListSource(ui, null, k),
            new ProjectSource(p, p.labeledValItems(), true),
            p.classes());
    TrainConfig cfg = base.toBuilder().optMethod(c.method()).optSampling(c.sampling()).build();
    Path dir = out.resolve(c.dirName());
    org.pc2seg.ml.train.RunFolder rf = new org.pc2seg.ml.train.RunFolder(dir);
    if (Files.exists(dir)) {
      deleteTree(dir);
    }
    TrainingListener l = new ProgressPrinter(System.err, cfg.steps());
    TrainingResult r = TrainingService.train(data, cfg, rf.dir(), l, null);
    System.err.println(c.dirName() + ": " + r.message());
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  private String table(List<Cell> cells, TrainConfig base) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "steps %d, batch %d+%d, crop %d, %s, seed %d, lr %.1e, λ1 %.2f, λ2 %.2f, τ %.2f,"
                + " M %d, N %d, warm-up %d%n%n",
            base.steps(),
            base.batchLabeled(),
            base.batchUnlabeled(),
            base.crop(),
            base.backbone(),
            base.seed(),
            base.learningRate(),
            base.lambdaContrastive(),
            base.lambdaConsistency(),
            base.temperature(),
            base.anchors(),
            base.negatives(),
            base.unlabeledWarmupSteps()));
    b.append("| labeled | method | sampler | val mIoU | best val mIoU | pixel acc | wall time |\n");
    b.append("|---:|---|---|---:|---:|---:|---:|\n");
    for (Cell c : cells) {
      Path m = out.resolve(c.dirName()).resolve("metrics.json");
      if (!Files.exists(m)) {
        b.append(
            String.format(
                Locale.ROOT,
                "| %d | %s | %s | failed | | | |%n",
                c.labeled(),
                c.method().cliName(),
                c.method() == Method.PC2SEG ? c.sampling().cliName() : "-"));
        continue;
      }
      var json = com.google.gson.JsonParser.parseString(Files.readString(m)).getAsJsonObject();
      var last = json.getAsJsonObject("last");
      var best = json.getAsJsonObject("best");
      b.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %.1f | %.1f | %.1f | %.0f s |%n",
              c.labeled(),
              c.method().cliName(),
              c.method() == Method.PC2SEG ? c.sampling().cliName() : "-",
              100 * last.get("miou").getAsDouble(),
              100 * best.get("miou").getAsDouble(),
              100 * last.get("pixel_acc").getAsDouble(),
              json.get("wall_ms").getAsDouble() / 1000));
    }
    return b.toString();
  }
}
