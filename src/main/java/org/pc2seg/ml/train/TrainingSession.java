package org.pc2seg.ml.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.pc2seg.ml.data.Batch;
import org.pc2seg.ml.data.BatchPrefetcher;
import org.pc2seg.ml.data.TrainingData;
import org.pc2seg.ml.data.ViewAugmenter;
import org.pc2seg.ml.model.DeepLabV3Plus;
import org.pc2seg.ml.model.SegmentationModels;
import org.pc2seg.ml.tensor.EngineThreads;
import org.pc2seg.ml.tensor.NoGrad;

/**
 * One run of {@link TrainingService}: builds the model and optimizer (or restores them from the
 * last checkpoint), runs the step loop with its validation, checkpoints and stop rules, and writes
 * the final weights and metrics.
 */
final class TrainingSession {
  /**
   * Steps between handing freed native memory back to the system ({@link NativeMemory#trim}; 0:
   * never). Without it, resident memory creeps up over a long run (docs/readme-ml-train.md).
   */
  static final int TRIM_EVERY = Integer.getInteger("pc2seg.mallocTrimEvery", 10);

  /** Consecutive steps with a non-finite gradient after which a run stops. */
  static final int MAX_BAD_GRADIENTS = 3;

  private final TrainingData data;
  private final TrainConfig cfg;
  private final RunFolder run;
  private final TrainingListener listener;
  private final CancelToken cancel;
  private final MetricsLog log = new MetricsLog();
  private final TrainStep trainStep;
  private final boolean supervised;
  private int lastCheckpoint = -1;
  private long elapsedBefore;
  private long t0;

  /** Where the step loop ended, and why. */
  private record LoopEnd(int step, StopReason reason, String why, double lastLoss) {}

  TrainingSession(
      TrainingData data,
      TrainConfig cfg,
      RunFolder run,
      TrainingListener listener,
      CancelToken cancel) {
    this.data = data.withMaxSide(cfg.resizeLongSide()); // photos train at a working size
    this.cfg = cfg;
    this.run = run;
    this.listener = listener == null ? TrainingListener.NONE : listener;
    this.cancel = cancel == null ? new CancelToken() : cancel;
    this.trainStep = new TrainStep(data, cfg);
    this.supervised = cfg.method() == Method.SUPERVISED;
    if (!supervised) {
      log.unlabeledBatchNorm = trainStep.batchNorm().cliName();
    }
  }

  TrainingResult run(boolean resume) throws IOException {
    // first: the thread count, then the switch (both are libtorch's, for this thread)
    EngineThreads.use(cfg.threads());
    // off outside the step's gradient collector: the weak view and validation record nothing
    try (NoGrad off = NoGrad.enter()) {
      return runWithoutRecording(resume);
    }
  }

  private TrainingResult runWithoutRecording(boolean resume) throws IOException {
    t0 = System.currentTimeMillis();
    Device device = cfg.device().resolve();
    Engine.getInstance().setRandomSeed((int) cfg.seed());
    int k = data.numClasses();
    try (Model model = SegmentationModels.newModel(cfg.modelConfig(k), "pc2seg", device);
        NDManager base = model.getNDManager().newSubManager()) {
      DeepLabV3Plus block = SegmentationModels.block(model);
      if (cfg.initWeights() != null && !cfg.initWeights().isBlank() && !resume) {
        InitWeights.load(model, cfg.modelConfig(k), cfg.initWeights());
      }
      AdamW opt =
          new AdamW(
              AdamW.trainable(block.getParameters()), model.getNDManager(), cfg.weightDecay());
      requireGradients(opt);
      int start = resume ? restore(model, opt) : 0;
      listener.onMessage(startMessage(device));
      LoopEnd end = loop(model, block, opt, base, start);
      return finish(model, opt, base, end);
    }
  }

  /** Loads the last checkpoint into the model and optimizer; returns its step. */
  private int restore(Model model, AdamW opt) throws IOException {
    Checkpoints.State st =
        Checkpoints.read(Checkpoints.find(run), model, opt, model.getNDManager());
    lastCheckpoint = st.step();
    requireGradients(opt);
    if (st.metrics() != null) {
      log.losses.addAll(st.metrics().losses);
      log.validations.addAll(st.metrics().validations);
      log.best = st.metrics().best;
      elapsedBefore = st.metrics().wallMillis;
    }
    listener.onMessage("resumed " + run.dir() + " at step " + st.step());
    return st.step();
  }

  private String startMessage(Device device) {
    return String.format(
        Locale.ROOT,
        "training %s (%s, sampling %s) on %s: %d labeled, %d unlabeled, %d val images,"
            + " %d steps, batch %d+%d, crop %d, seed %d",
        run.dir().getFileName(),
        cfg.method().cliName(),
        cfg.sampling().cliName(),
        device,
        data.labeled().size(),
        data.unlabeled().size(),
        data.val().size(),
        cfg.steps(),
        cfg.batchLabeled(),
        supervised ? 0 : cfg.batchUnlabeled(),
        cfg.crop(),
        cfg.seed());
  }

  private LoopEnd loop(Model model, DeepLabV3Plus block, AdamW opt, NDManager base, int start)
      throws IOException {
    ViewAugmenter aug = new ViewAugmenter(cfg.augment(), cfg.crop());
    int step = start;
    double lastLoss = Double.NaN;
    int badGradients = 0;
    long loopStart = System.nanoTime();
    try (BatchPrefetcher loader =
        new BatchPrefetcher(
            data.labeled(),
            supervised ? null : data.unlabeled(),
            aug,
            cfg.seed(),
            cfg.batchLabeled(),
            cfg.batchUnlabeled(),
            cfg.dataWorkers())) {
      ParameterStore ps = new ParameterStore(base, false);
      while (step < cfg.steps()) {
        if (cancel.isCancelled()) {
          return new LoopEnd(step, StopReason.CANCELLED, "cancelled after step " + step, lastLoss);
        }
        Batch batch = loader.get(step);
        double lr = learningRate(step);
        TrainStep.Outcome out;
        try {
          out = trainStep.run(block, ps, base, batch, step);
        } catch (EngineException | OutOfMemoryError e) {
          if (isOom(e)) {
            return new LoopEnd(step, StopReason.OUT_OF_MEMORY, oomAdvice(cfg), lastLoss);
          }
          throw e;
        }
        if (!Double.isFinite(out.loss())) {
          return new LoopEnd(step, StopReason.NAN_LOSS, nanLossMessage(out.loss(), step), lastLoss);
        }
        double gradNorm = opt.step(lr, cfg.gradClip());
        if (Double.isNaN(gradNorm)) {
          badGradients++;
          listener.onMessage(
              "step "
                  + (step + 1)
                  + ": the gradient was not finite ("
                  + opt.lastSkipReason()
                  + "); update skipped");
          if (badGradients >= MAX_BAD_GRADIENTS) {
            return new LoopEnd(
                step, StopReason.NAN_LOSS, badGradientMessage(badGradients, step), lastLoss);
          }
        } else {
          badGradients = 0;
        }
        step++;
        if (TRIM_EVERY > 0 && step % TRIM_EVERY == 0) {
          NativeMemory.trim();
        }
        lastLoss = out.loss();
        report(out, step, start, lr, gradNorm, loopStart);
        boolean last = step == cfg.steps();
        if (data.val().size() > 0 && (last || (cfg.valEvery() > 0 && step % cfg.valEvery() == 0))) {
          validate(model, block, base, step);
        }
        if (last || (cfg.checkpointEvery() > 0 && step % cfg.checkpointEvery() == 0)) {
          checkpoint(model, opt, base, step);
        }
      }
    }
    return new LoopEnd(step, StopReason.COMPLETED, null, lastLoss);
  }

  /** Logs a finished step and tells the listener (progress, then the drawn negatives). */
  private void report(
      TrainStep.Outcome out, int step, int start, double lr, double gradNorm, long loopStart) {
    log.losses.add(
        new MetricsLog.LossPoint(
            step,
            out.loss(),
            out.ce(),
            out.cy(),
            out.ctr(),
            lr,
            Double.isNaN(gradNorm) ? null : gradNorm));
    double secs = (System.nanoTime() - loopStart) / 1e9;
    int done = step - start;
    int imgs = cfg.batchLabeled() + (supervised ? 0 : cfg.batchUnlabeled());
    listener.onProgress(
        new TrainingProgress(
            step,
            cfg.steps(),
            out.loss(),
            out.ce(),
            out.cy(),
            out.ctr(),
            lr,
            done * imgs / Math.max(secs, 1e-9),
            (long) (secs / done * (cfg.steps() - step) * 1000)));
    if (out.draws() != null) {
      listener.onNegatives(out.draws());
    }
  }

  /** Saves what the run ends with (weights, metrics) and builds its result. */
  private TrainingResult finish(Model model, AdamW opt, NDManager base, LoopEnd end)
      throws IOException {
    StopReason reason = end.reason();
    if (reason == StopReason.CANCELLED && end.step() > lastCheckpoint) {
      checkpoint(model, opt, base, end.step());
    }
    if (reason == StopReason.COMPLETED || reason == StopReason.CANCELLED) {
      RunFolder.saveWeights(model, run.file(RunFolder.WEIGHTS));
    } else if (lastCheckpoint >= 0) {
      Files.copy(
          Checkpoints.find(run).resolve(Checkpoints.MODEL),
          run.file(RunFolder.WEIGHTS),
          StandardCopyOption.REPLACE_EXISTING);
    }
    log.wallMillis = wallMillis();
    String msg =
        end.why() != null
            ? end.why()
            : String.format(
                Locale.ROOT, "done: %d steps in %.1f s", end.step(), log.wallMillis / 1000.0);
    TrainingResult result =
        new TrainingResult(
            run.dir(),
            end.step(),
            reason,
            msg,
            log.last(),
            log.bestMetrics(),
            end.lastLoss(),
            log.wallMillis);
    run.writeMetrics(log.toJson(result));
    listener.onMessage(msg);
    return result;
  }

  private long wallMillis() {
    return elapsedBefore + System.currentTimeMillis() - t0;
  }

  private String nanLossMessage(double loss, int step) {
    return "loss became "
        + loss
        + " at step "
        + (step + 1)
        + keptCheckpoint()
        + ". Lower --lr (now "
        + cfg.learningRate()
        + ") or the unlabeled loss weights";
  }

  private String badGradientMessage(int badGradients, int step) {
    return "gradients were not finite "
        + badGradients
        + " steps in a row (last at step "
        + (step + 1)
        + ")"
        + keptCheckpoint()
        + ". Lower --lr (now "
        + cfg.learningRate()
        + ") or --grad-clip (now "
        + cfg.gradClip()
        + ")";
  }

  private String keptCheckpoint() {
    return lastCheckpoint >= 0
        ? "; kept the last good checkpoint (step " + lastCheckpoint + ")"
        : "; no checkpoint had been written yet";
  }

  /** Loading weights replaces parameter arrays; trainable ones must record gradients again. */
  private static void requireGradients(AdamW opt) {
    for (ai.djl.nn.Parameter p : opt.parameters()) {
      if (!p.getArray().hasGradient()) {
        p.getArray().setRequiresGradient(true);
      }
    }
  }

  private void validate(Model model, DeepLabV3Plus block, NDManager base, int step)
      throws IOException {
    ValidationMetrics m =
        Validator.evaluate(block, base, data.val(), data.numClasses(), step, null);
    boolean best = log.addValidation(m);
    if (best) {
      RunFolder.saveWeights(model, run.file(RunFolder.BEST));
    }
    listener.onValidation(m);
  }

  private void checkpoint(Model model, AdamW opt, NDManager base, int step) throws IOException {
    log.wallMillis = wallMillis();
    Checkpoints.write(run, model, opt, base, step, log);
    lastCheckpoint = step;
    run.writeMetrics(log.toJson(null));
    listener.onCheckpoint(run.checkpointDir(), step);
  }

  /** Linear warm-up, then poly(0.9) decay to 0 at the last step. */
  double learningRate(int step) {
    double warm = cfg.lrWarmupSteps() > 0 ? Math.min(1.0, (step + 1.0) / cfg.lrWarmupSteps()) : 1.0;
    return cfg.learningRate() * warm * Math.pow(1.0 - (double) step / cfg.steps(), 0.9);
  }

  private static boolean isOom(Throwable e) {
    if (e instanceof OutOfMemoryError) {
      return true;
    }
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return m.contains("out of memory") || m.contains("can't allocate") || m.contains("bad_alloc");
  }

  /** Which settings to lower after running out of memory, most effective first. */
  static String oomAdvice(TrainConfig cfg) {
    return String.format(
        Locale.ROOT,
        "ran out of memory with batch %d+%d at crop %d (%s, width %d): lower --batch first,"
            + " then --crop; a smaller --width or backbone also helps, and so does a smaller"
            + " --max-side (now %s) with large photos, since validation runs on whole images",
        cfg.batchLabeled(),
        cfg.batchUnlabeled(),
        cfg.crop(),
        cfg.backbone(),
        cfg.width(),
        cfg.resizeLongSide() == 0 ? "0, full size" : cfg.resizeLongSide() + " px");
  }
}
