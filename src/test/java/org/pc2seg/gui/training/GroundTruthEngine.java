package org.pc2seg.gui.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.pc2seg.active.ProbabilityMap;
import org.pc2seg.active.ProbabilitySource;
import org.pc2seg.gui.overlay.PredictionImage;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.ml.train.TrainingProgress;
import org.pc2seg.ml.train.ValidationMetrics;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;
import org.pc2seg.sample.SampleProjectGenerator;

/**
 * A test engine for GUI tests that must not depend on DJL timing: "training" takes {@code steps}
 * steps of {@code stepMillis}, checking the cancel token each step; its "model" predicts the
 * sample's ground truth with a confidence that varies by class, and probabilities soften the ground
 * truth. Everything the GUI does with these results is real.
 */
final class GroundTruthEngine implements TrainingEngine {
  final int steps;
  final long stepMillis;
  final AtomicInteger runs = new AtomicInteger();

  /** Probability maps are this many times smaller than the image (a model's working size). */
  volatile int probabilityShrink = 1;

  /** The images of each {@link #predict} call, in the order asked. */
  final List<List<ImageItem>> predictCalls = new java.util.concurrent.CopyOnWriteArrayList<>();

  GroundTruthEngine(int steps, long stepMillis) {
    this.steps = steps;
    this.stepMillis = stepMillis;
  }

  @Override
  public TrainingJob<RunResult> trainJob(Project project, TrainingSettings s, Path initFrom) {
    return (l, cancel) -> {
      int done = 0;
      for (int i = 1; i <= steps && !cancel.isCancelled(); i++) {
        Thread.sleep(stepMillis);
        l.onProgress(
            new TrainingProgress(i, steps, 1.0 / i, 0.5 / i, 0.3 / i, 0.2 / i, 1e-3, 8, 0));
        if (i % 5 == 0) {
          l.onValidation(new ValidationMetrics(i, 0.5, new double[] {0.9, 0.5, 0.3, 0.3}, 0.9));
        }
        done = i;
      }
      if (cancel.isCancelled()) {
        return new RunResult(null, done, "stopped");
      }
      Path dir = project.modelsDir().resolve("run-" + runs.incrementAndGet());
      Files.createDirectories(dir);
      return new RunResult(dir, done, "done");
    };
  }

  static IndexMask truth(Project p, ImageItem item) throws IOException {
    return MaskCodec.read(SampleProjectGenerator.groundTruth(p, item));
  }

  /** Class c predicted with confidence 0.3 + 0.2·c (background least sure). */
  static PredictionImage prediction(Project p, ImageItem item) throws IOException {
    IndexMask t = truth(p, item);
    float[] conf = new float[t.data().length];
    for (int i = 0; i < conf.length; i++) {
      conf[i] = 0.3f + 0.2f * (t.data()[i] & 0xFF);
    }
    return new PredictionImage(t.width(), t.height(), t.data().clone(), conf);
  }

  @Override
  public int predict(
      Project project,
      Path runDir,
      List<ImageItem> order,
      PredictionCallback cb,
      CancelToken cancel)
      throws IOException {
    predictCalls.add(List.copyOf(order));
    int n = 0;
    Files.createDirectories(project.predictionsDir());
    for (ImageItem item : order) {
      if (cancel.isCancelled()) {
        break;
      }
      PredictionImage pred = prediction(project, item);
      MaskCodec.write(
          new IndexMask(pred.width(), pred.height(), pred.classes()), project.predictionFile(item));
      byte[] c = new byte[pred.confidence().length];
      for (int i = 0; i < c.length; i++) {
        c[i] = (byte) Math.round(pred.confidence()[i] * 255);
      }
      MaskCodec.write(new IndexMask(pred.width(), pred.height(), c), project.confidenceFile(item));
      cb.predicted(n, order.size(), item, pred);
      n++;
    }
    return n;
  }

  @Override
  public ProbabilitySource probabilities(Project project, Path runDir) {
    int k = project.numClasses();
    int f = probabilityShrink;
    return item -> {
      IndexMask t = truth(project, item);
      int w = t.width() / f;
      int h = t.height() / f;
      int n = w * h;
      float[] d = new float[k * n];
      for (int i = 0; i < n; i++) {
        int c = t.get((i % w) * f, (i / w) * f);
        for (int j = 0; j < k; j++) {
          d[j * n + i] = j == c ? 0.85f : 0.15f / (k - 1);
        }
      }
      return new ProbabilityMap(k, w, h, d);
    };
  }

  @Override
  public List<RunSummary> runs(Project project) {
    List<RunSummary> r = new ArrayList<>();
    try (var s = Files.list(project.modelsDir())) {
      s.sorted()
          .forEach(
              d -> r.add(0, new RunSummary(d.getFileName().toString(), d, steps, 0.5, "test", "")));
    } catch (IOException e) {
      // no models folder yet
    }
    return r;
  }
}
