package org.pc2seg.gui.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.pc2seg.gui.StudioWindow;
import org.pc2seg.io.FileTrees;
import org.pc2seg.ml.train.Memory;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.SampleProjects;

/**
 * Benchmark: brush-event latency (p50 / p99) in the real window, idle and while PC²Seg trains in
 * the background with the CPU preset. Needs a display (or Monocle). Usage: {@code java -cp
 * target/pc2seg-studio.jar org.pc2seg.gui.training.BrushLatencyMain [project-folder] [seconds]};
 * the project (default: the bundled sample) is copied to a temporary folder first. It also prints
 * the training speed in the app while the brush runs (milliseconds per step over the measured
 * window) and the process's resident memory (idle, at the end and its peak).
 */
public final class BrushLatencyMain {
  private BrushLatencyMain() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    Path src =
        args.length > 0
            ? Path.of(args[0])
            : SampleProjects.defaultProject()
                .orElseThrow(() -> new IllegalStateException("no sample project found"));
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 15;
    Path dir = Files.createTempDirectory("pc2seg-bench");
    try {
      copy(src, dir);
      run(dir, seconds);
    } finally {
      FileTrees.deleteTree(dir);
    }
    System.exit(0);
  }

  /** Opens the copy at {@code dir}, measures brush latency idle and while training. */
  private static void run(Path dir, double seconds) throws Exception {
    Platform.startup(() -> {});
    CompletableFuture<StudioWindow> win = new CompletableFuture<>();
    CompletableFuture<TrainingFeature> feat = new CompletableFuture<>();
    DjlTrainingEngine engine = new DjlTrainingEngine();
    Platform.runLater(
        () -> {
          Stage stage = new Stage();
          StudioWindow w = new StudioWindow(stage);
          TrainingFeature f = TrainingFeature.install(w, engine);
          stage.show();
          w.openProject(dir);
          win.complete(w);
          feat.complete(f);
        });
    StudioWindow w = win.get(120, TimeUnit.SECONDS);
    TrainingFeature f = feat.get();
    ImageItem item =
        w.workspace().project().items().stream()
            .filter(i -> i.status() == ImageStatus.UNLABELED)
            .findFirst()
            .orElseThrow();
    BrushLatencyBench.runAndWait(() -> w.workspace().show(item));
    while (w.viewer().currentItem() != item) {
      Thread.sleep(50);
    }
    BrushLatencyBench.measure(w, 2, 60); // warm-up
    BrushLatencyBench.Figures idle = BrushLatencyBench.measure(w, seconds, 60);
    System.out.println("brush idle:     " + idle);
    double idleRss = Memory.rssMb();
    TrainingSettings s = TrainingSettings.cpuPreset().withSteps(100_000);
    BrushLatencyBench.runAndWait(
        () -> {
          f.setSettings(s);
          f.train(null);
        });
    while (f.controller().progressProperty().get() == null
        || f.controller().progressProperty().get().step() < 2) {
      if (!f.controller().isRunning()) {
        throw new IllegalStateException(
            "training ended early: " + f.controller().statusProperty().get());
      }
      Thread.sleep(200);
    }
    int firstStep = f.controller().progressProperty().get().step();
    long start = System.nanoTime();
    BrushLatencyBench.Figures busy = BrushLatencyBench.measure(w, seconds, 60);
    int steps = f.controller().progressProperty().get().step();
    long elapsed = System.nanoTime() - start;
    System.out.println(
        "brush training: "
            + busy
            + " ("
            + steps
            + " steps, "
            + s.threads()
            + " training thread(s))");
    System.out.println(
        String.format(
            Locale.ROOT,
            "p99 training / idle: handling %.2f, latency %.2f (target <= 2)",
            busy.p99() / idle.p99(),
            busy.latencyP99() / idle.latencyP99()));
    System.out.println(
        String.format(
            Locale.ROOT,
            "training while painting: %.0f ms/step (steps %d to %d), RSS idle %.0f MB,"
                + " now %.0f MB, peak %.0f MB",
            elapsed / 1e6 / Math.max(1, steps - firstStep),
            firstStep,
            steps,
            idleRss,
            Memory.rssMb(),
            Memory.peakRssMb()));
    BrushLatencyBench.runAndWait(() -> f.controller().stop());
    f.shutdown();
    engine.close();
    Platform.exit();
  }

  private static void copy(Path src, Path dst) throws Exception {
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
