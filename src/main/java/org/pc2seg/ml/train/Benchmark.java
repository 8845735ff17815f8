package org.pc2seg.ml.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.pc2seg.image.IndexMask;
import org.pc2seg.io.FileTrees;
import org.pc2seg.ml.data.LabeledImage;
import org.pc2seg.ml.data.SegmentationSource;
import org.pc2seg.ml.data.TrainingData;
import org.pc2seg.ml.infer.Predictor;
import org.pc2seg.project.ClassTable;
import org.pc2seg.project.LabelClass;

/**
 * Measures the real training step (data workers, forward, losses, backward, optimizer) on synthetic
 * images, plus 512² inference, memory and achieved vs. matmul GFLOP/s.
 */
public final class Benchmark {
  /**
   * Results.
   *
   * @param stepMedianMs median step time after warm-up
   * @param imagesPerSecond images (labeled + unlabeled) per second at the median
   * @param peakRssMb peak resident memory after training (VmHWM), or after the timed steps when
   *     steps were profiled
   * @param rssStartMb RSS after warm-up
   * @param rssEndMb RSS at the end of training
   * @param inference512Ms median inference time of one 512×512 image
   * @param stepGflop estimated convolution GFLOP per step
   * @param achievedGflops stepGflop / step time
   * @param matmulGflops measured dense 2048² matmul rate
   * @param mallocStart malloc's usage after warm-up (null without glibc)
   * @param mallocEnd malloc's usage at the end of training (null without glibc)
   * @param convs the convolutions of the profiled steps after the measured ones, per step (null
   *     when none were profiled)
   */
  public record Result(
      double stepMedianMs,
      double imagesPerSecond,
      double peakRssMb,
      double rssStartMb,
      double rssEndMb,
      double inference512Ms,
      double stepGflop,
      double achievedGflops,
      double matmulGflops,
      NativeMemory.Usage mallocStart,
      NativeMemory.Usage mallocEnd,
      ConvProfile.Times convs) {}

  /**
   * Labeled synthetic images the benchmark trains on: fewer than {@link
   * UnlabeledBatchNorm#SEPARATE_FROM}, so under the default batch-norm mode ({@code auto}) it
   * measures the {@code shared} step of a project with few labels, the reference step.
   */
  public static final int LABELED_IMAGES = 8;

  private Benchmark() {}

  /**
   * Runs {@code warmup + steps} timed training steps of {@code cfg} with K classes in a temp
   * folder, then {@code profiled} more under libtorch's profiler to time their convolutions (0:
   * none). The profiled steps are not in the step time.
   */
  public static Result run(TrainConfig cfg, int numClasses, int warmup, int steps, int profiled)
      throws IOException {
    if (profiled < 0) {
      throw new IllegalArgumentException("profiled steps must be 0 or more: " + profiled);
    }
    Path tmp = Files.createTempDirectory("pc2seg-bench");
    boolean[] profiling = new boolean[1];
    try {
      int total = warmup + steps;
      Path trace = tmp.resolve("trace.json");
      ConvProfile.Times[] convs = new ConvProfile.Times[1];
      IOException[] traceError = new IOException[1];
      TrainConfig c =
          cfg.toBuilder()
              .optSteps(total + profiled)
              .optCheckpointEvery(0)
              .optValEvery(0)
              .optUnlabeledWarmupSteps(0)
              .build();
      List<LabelClass> classes = new ArrayList<>();
      for (int i = 0; i < numClasses; i++) {
        classes.add(new LabelClass(i, "c" + i, ClassTable.defaultColor(i)));
      }
      SegmentationSource src = synthetic(numClasses, c.crop() + 32, LABELED_IMAGES, true);
      TrainingData data =
          new TrainingData(
              src, synthetic(numClasses, c.crop() + 32, 16, false), TrainingData.empty(), classes);
      long[] times = new long[total + profiled + 1];
      double[] rss = new double[3];
      NativeMemory.Usage[] malloc = new NativeMemory.Usage[2];
      TrainingListener l =
          p -> {
            times[p.step()] = System.nanoTime();
            if (p.step() == warmup) {
              rss[0] = Memory.rssMb();
              malloc[0] = NativeMemory.usage();
            }
            if (p.step() == total) {
              rss[1] = Memory.rssMb();
              malloc[1] = NativeMemory.usage();
              rss[2] = Memory.peakRssMb();
              if (profiled > 0) {
                ConvProfile.start();
                profiling[0] = true;
              }
            }
            if (profiled > 0 && p.step() == total + profiled) {
              profiling[0] = false;
              try {
                convs[0] = ConvProfile.stop(trace).perStep(profiled);
              } catch (IOException e) {
                traceError[0] = e;
              }
            }
          };
      Path run = tmp.resolve("run");
      TrainingResult tr = TrainingService.train(data, c, run, l, null);
      if (!tr.completed()) {
        throw new IOException("benchmark run stopped: " + tr.message());
      }
      if (traceError[0] != null) {
        throw traceError[0];
      }
      // the profiler holds its events in memory: the peak is that of the timed steps then
      double peak = profiled > 0 ? rss[2] : Memory.peakRssMb();
      double[] dt = new double[steps];
      for (int i = 0; i < steps; i++) {
        dt[i] = (times[warmup + i + 1] - times[warmup + i]) / 1e6;
      }
      double med = median(dt);
      int imgs = c.batchLabeled() + (c.method() == Method.PC2SEG ? c.batchUnlabeled() : 0);
      double inf;
      double gflop;
      try (Predictor p = Predictor.load(run)) {
        BufferedImage img = randomImage(512, 512, new Random(1));
        p.predict(img);
        double[] it = new double[3];
        for (int i = 0; i < it.length; i++) {
          long t0 = System.nanoTime();
          p.predict(img);
          it[i] = (System.nanoTime() - t0) / 1e6;
        }
        inf = median(it);
        var block = org.pc2seg.ml.model.SegmentationModels.block(predictorModel(p));
        int bu = c.method() == Method.PC2SEG ? c.batchUnlabeled() : 0;
        gflop =
            (3 * ConvFlops.forward(block, c.batchLabeled() + bu, c.crop())
                    + ConvFlops.forward(block, bu, c.crop()))
                / 1e9;
      }
      return new Result(
          med,
          imgs * 1000.0 / med,
          peak,
          rss[0],
          rss[1],
          inf,
          gflop,
          gflop / (med / 1000.0),
          MatmulRate.measure(),
          malloc[0],
          malloc[1],
          convs[0]);
    } finally {
      if (profiling[0]) {
        // training stopped while profiling: switch the profiler off, nothing to read
        ConvProfile.discard(tmp.resolve("unfinished-trace.json"));
      }
      FileTrees.deleteTree(tmp);
    }
  }

  private static ai.djl.Model predictorModel(Predictor p) {
    return p.model();
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length == 0 ? Double.NaN : s[s.length / 2];
  }

  /**
   * An image of random pixels, filled in one call (as a decoder does): {@code setRGB} per pixel
   * would allocate per pixel and make the harness, not the trainer, the benchmark's main source of
   * garbage.
   */
  static BufferedImage randomImage(int w, int h, Random r) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] px = new int[w * h];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextInt(0xFFFFFF);
    }
    img.getRaster().setDataElements(0, 0, w, h, px);
    return img;
  }

  static SegmentationSource synthetic(int k, int size, int count, boolean labeled) {
    return new SegmentationSource() {
      @Override
      public int size() {
        return count;
      }

      @Override
      public String name(int i) {
        return "synthetic" + i;
      }

      @Override
      public boolean labeled() {
        return labeled;
      }

      @Override
      public LabeledImage load(int i) {
        Random r = new Random(i);
        IndexMask m = null;
        if (labeled) {
          m = IndexMask.blank(size, size);
          for (int j = 0; j < m.data().length; j++) {
            m.data()[j] = (byte) r.nextInt(k);
          }
        }
        return new LabeledImage(name(i), randomImage(size, size, r), m);
      }
    };
  }
}
