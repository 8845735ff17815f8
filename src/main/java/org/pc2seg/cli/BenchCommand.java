package org.pc2seg.cli;

import com.google.gson.GsonBuilder;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pc2seg.ml.train.Benchmark;
import org.pc2seg.ml.train.ConvProfile;
import org.pc2seg.ml.train.Method;
import org.pc2seg.ml.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench}: training step time, throughput, memory, inference time and GFLOP/s. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark the real training step on synthetic images: prints 'train step: <median> ms',"
            + " images/s, peak RSS, 512x512 inference ms, achieved vs matmul GFLOP/s (whole"
            + " step, and the convolutions alone under libtorch's profiler).")
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--classes", defaultValue = "5", description = "classes K (default 5)")
  int classes;

  @Option(
      names = "--warmup-steps",
      defaultValue = "3",
      description = "untimed warm-up steps (default 3)")
  int warmup;

  @Option(names = "--measure", defaultValue = "10", description = "measured steps (default 10)")
  int measure;

  @Option(
      names = "--profile-steps",
      defaultValue = "3",
      description =
          "steps after the measured ones timed under libtorch's profiler, for the rate of the"
              + " convolutions alone (default 3; 0: off)")
  int profileSteps;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Mixin TrainOptions options = new TrainOptions();

  @Override
  public Integer call() {
    try {
      TrainConfig cfg = options.toConfig();
      Benchmark.Result r = Benchmark.run(cfg, classes, warmup, measure, profileSteps);
      if (json) {
        System.out.println(new GsonBuilder().setPrettyPrinting().create().toJson(r));
      } else {
        System.out.printf(
            Locale.ROOT,
            "config: %s %s, batch %d+%d, crop %d, K=%d, threads %d%s%n",
            cfg.backbone(),
            cfg.method().cliName(),
            cfg.batchLabeled(),
            cfg.batchUnlabeled(),
            cfg.crop(),
            classes,
            cfg.threads(),
            cfg.method() == Method.PC2SEG
                ? ", batch norm "
                    + cfg.unlabeledBatchNorm().resolve(Benchmark.LABELED_IMAGES).cliName()
                : "");
        System.out.printf(Locale.ROOT, "train step: %.0f ms%n", r.stepMedianMs());
        System.out.printf(Locale.ROOT, "images/s: %.2f%n", r.imagesPerSecond());
        System.out.printf(
            Locale.ROOT,
            "peak RSS: %.0f MB (RSS after warm-up %.0f MB, at end %.0f MB)%n",
            r.peakRssMb(),
            r.rssStartMb(),
            r.rssEndMb());
        if (r.mallocStart() != null && r.mallocEnd() != null) {
          System.out.printf(
              Locale.ROOT,
              "native malloc: in use %.0f -> %.0f MB, free in arenas %.0f -> %.0f MB%n",
              r.mallocStart().inUseMb(),
              r.mallocEnd().inUseMb(),
              r.mallocStart().freeMb(),
              r.mallocEnd().freeMb());
        }
        System.out.printf(Locale.ROOT, "inference 512x512: %.0f ms%n", r.inference512Ms());
        System.out.printf(
            Locale.ROOT,
            "achieved: %.1f GFLOP/s (%.1f GFLOP per step, convolutions) vs matmul %.1f GFLOP/s"
                + " (%.2f)%n",
            r.achievedGflops(),
            r.stepGflop(),
            r.matmulGflops(),
            r.achievedGflops() / r.matmulGflops());
        ConvProfile.Times cv = r.convs();
        if (cv != null) {
          System.out.printf(
              Locale.ROOT,
              "convolutions alone: %.0f ms per step (forward %.0f, backward %.0f), %.1f GFLOP:"
                  + " %.1f GFLOP/s (%.2f of matmul)%n",
              cv.totalMs(),
              cv.forwardMs(),
              cv.backwardMs(),
              cv.gflop(),
              cv.gflops(),
              cv.gflops() / r.matmulGflops());
          if (cv.unsized() > 0) {
            System.out.printf(
                Locale.ROOT,
                "  (%d forward convolutions of unknown output size: time counted, work not)%n",
                cv.unsized());
          }
        }
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
}
