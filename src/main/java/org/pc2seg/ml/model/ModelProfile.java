package org.pc2seg.ml.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.pc2seg.ml.loss.LossBreakdown;
import org.pc2seg.ml.loss.Pc2SegObjective;

/**
 * Standalone timing of the model and losses on one synthetic PC²Seg step (not a benchmark of the
 * full training loop, which the {@code bench} command does). Phases: weak forward (no gradient),
 * labeled + strong forward with gradient, losses, backward, optimizer step.
 *
 * <pre>
 * java -cp target/pc2seg-studio.jar:target/lib/* org.pc2seg.ml.model.ModelProfile \
 *     [steps=20] [batch=4] [crop=128] [classes=5] [backbone=resnet18] [concat=true] [sgd=false]
 * </pre>
 *
 * {@code cpu=true} measures the main thread's CPU time instead of wall time: with {@code
 * -Dai.djl.pytorch.num_threads=1} every native op runs on that thread, so this stays meaningful on
 * a loaded machine. {@code part=aspp} times ASPP alone with and without the exact dilated-conv
 * shortcut. {@code concat=true} runs the labeled and strong images as one batch of 2B (one pass
 * through the network, shared BatchNorm statistics), {@code false} as two passes.
 */
public final class ModelProfile {

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private static boolean cpuClock;

  private ModelProfile() {}

  /** Wall clock, or this thread's CPU time with {@code cpu=true}. */
  private static long now() {
    return cpuClock ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }

  /** Runs the profile; arguments are {@code key=value}. */
  public static void main(String[] args) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    int steps = arg(args, "steps", 20);
    int batch = arg(args, "batch", 4);
    int crop = arg(args, "crop", 128);
    int classes = arg(args, "classes", 5);
    boolean concat = Boolean.parseBoolean(str(args, "concat", "true"));
    boolean sgd = Boolean.parseBoolean(str(args, "sgd", "false"));
    boolean ab = Boolean.parseBoolean(str(args, "ab", "false"));
    cpuClock = Boolean.parseBoolean(str(args, "cpu", "false"));
    Backbone backbone = Backbone.parse(str(args, "backbone", "resnet18"));
    if (str(args, "part", "step").equals("aspp")) {
      // cpu=true: thread CPU time, meaningful with -Dai.djl.pytorch.num_threads=1 on a busy machine
      profileAspp(steps, 2 * batch, crop / 16, cpuClock);
      return;
    }
    Engine.getInstance().setRandomSeed(0);
    ModelConfig config = new ModelConfig(backbone, 16, classes, 128, 128, 64);
    Pc2SegObjective objective = Pc2SegObjective.builder().build();
    Optimizer opt =
        sgd
            ? Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).build()
            : Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-4f)).build();
    try (Model model = SegmentationModels.newModel(config, "profile", null);
        Trainer trainer =
            model.newTrainer(
                new DefaultTrainingConfig(objective.crossEntropy()).optOptimizer(opt))) {
      System.out.printf(
          Locale.ROOT,
          "%s OS16 ASPP128 dec128 K=%d D=64: %.2f M parameters; %d+%d images %d², concat=%s,"
              + " %s, threads intra=%s%n",
          backbone,
          classes,
          SegmentationModels.parameterCount(model.getBlock()) / 1e6,
          batch,
          batch,
          crop,
          concat,
          sgd ? "SGD" : "Adam",
          Engine.getInstance().getEngineName());
      long[][] t = new long[steps][6];
      NDManager base = trainer.getManager();
      for (int s = 0; s < steps; s++) {
        // ab=true: odd steps without the exact dilated-conv shortcut, to compare in one process
        ConvLayer.centerTapShortcut = !ab || s % 2 == 0;
        try (NDManager sm = base.newSubManager()) {
          NDArray xl = sm.randomNormal(new Shape(batch, 3, crop, crop));
          NDArray yl = sm.randomInteger(0, classes, new Shape(batch, crop, crop), DataType.INT32);
          NDArray xw = sm.randomNormal(new Shape(batch, 3, crop, crop));
          NDArray xs =
              xw.add(sm.randomNormal(0f, 0.2f, new Shape(batch, 3, crop, crop), DataType.FLOAT32));
          long t0 = now();
          NDList weak = trainer.forward(new NDList(xw));
          weak.get(1).toFloatArray(); // sync
          long t1 = now();
          long t2;
          long t3;
          long t4;
          try (GradientCollector gc = trainer.newGradientCollector()) {
            NDArray labeledLogits;
            NDList strong;
            if (concat) {
              NDList out = trainer.forward(new NDList(xl.concat(xs, 0)));
              labeledLogits = out.get(0).get("0:" + batch);
              strong =
                  new NDList(
                      out.get(0).get(batch + ":"),
                      out.get(1).get(batch + ":"),
                      out.get(2).get(batch + ":"));
            } else {
              labeledLogits = trainer.forward(new NDList(xl)).get(0);
              strong = trainer.forward(new NDList(xs));
            }
            labeledLogits.get(0).toFloatArray();
            t2 = now();
            LossBreakdown r = objective.compute(labeledLogits, yl, weak, strong, 1f, s);
            t3 = now();
            gc.backward(r.loss());
            t4 = now();
          }
          trainer.step();
          long t5 = now();
          t[s] = new long[] {t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t5 - t0};
        }
      }
      String[] names = {"weak fwd", "lab+strong fwd", "losses", "backward", "optimizer", "step"};
      int warm = Math.min(3, steps - 1);
      for (int parity = 0; parity < (ab ? 2 : 1); parity++) {
        if (ab) {
          System.out.println(parity == 0 ? "-- with the dilated-conv shortcut" : "-- without");
        }
        for (int i = 0; i < names.length; i++) {
          long[] v = new long[steps];
          int n = 0;
          for (int s = warm; s < steps; s++) {
            if (!ab || s % 2 == parity) {
              v[n++] = t[s][i];
            }
          }
          if (n == 0) {
            continue;
          }
          v = Arrays.copyOf(v, n);
          Arrays.sort(v);
          System.out.printf(
              Locale.ROOT,
              "%-15s median %7.1f ms  min %7.1f ms%n",
              names[i],
              v[n / 2] / 1e6,
              v[0] / 1e6);
        }
      }
      System.out.println("peak RSS " + peakRssMb() + " MB");
    }
  }

  /**
   * ASPP alone (forward + backward, 512 → 128 channels) on a {@code size}² map, alternating the
   * exact dilated-conv shortcut on and off so that both see the same machine load.
   */
  private static void profileAspp(int steps, int batch, int size, boolean cpu) {
    Aspp aspp = new Aspp(128, new int[] {6, 12, 18});
    try (NDManager m = NDManager.newBaseManager()) {
      aspp.initialize(m, DataType.FLOAT32, new Shape(batch, 512, size, size));
      ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(m, false);
      long[][] t = new long[2][steps];
      for (int s = 0; s < 2 * steps + 4; s++) {
        int mode = s % 2;
        ConvLayer.centerTapShortcut = mode == 0;
        try (NDManager sm = m.newSubManager()) {
          NDArray x = sm.randomNormal(new Shape(batch, 512, size, size));
          x.setRequiresGradient(true);
          long t0 = now();
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = aspp.forward(ps, new NDList(x), true).head();
            gc.backward(y.sum());
          }
          x.getGradient().toFloatArray();
          long t1 = now();
          if (s >= 4) {
            t[mode][(s - 4) / 2] = t1 - t0;
          }
        }
      }
      for (int mode = 0; mode < 2; mode++) {
        Arrays.sort(t[mode]);
        System.out.printf(
            Locale.ROOT,
            "ASPP fwd+bwd %d×512×%d², shortcut %-3s: median %6.1f ms  min %6.1f ms (%s)%n",
            batch,
            size,
            mode == 0 ? "on" : "off",
            t[mode][steps / 2] / 1e6,
            t[mode][0] / 1e6,
            cpu ? "main-thread CPU time" : "wall time");
      }
    }
    ConvLayer.centerTapShortcut = true;
  }

  private static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return -1;
  }

  private static String str(String[] args, String key, String def) {
    for (String a : args) {
      if (a.startsWith(key + "=")) {
        return a.substring(key.length() + 1);
      }
    }
    return def;
  }

  private static int arg(String[] args, String key, int def) {
    return Integer.parseInt(str(args, key, Integer.toString(def)));
  }
}
