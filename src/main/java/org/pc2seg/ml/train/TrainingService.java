package org.pc2seg.ml.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.pc2seg.ml.data.Batch;
import org.pc2seg.ml.data.BatchPrefetcher;
import org.pc2seg.ml.data.TrainingData;
import org.pc2seg.ml.data.ViewAugmenter;
import org.pc2seg.ml.model.DeepLabV3Plus;
import org.pc2seg.ml.model.SegmentationModels;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;

/**
 * The one headless entry point for training, used by the GUI, the CLI and the tests. A run reads
 * {@link TrainingData}, follows a {@link TrainConfig}, reports to a {@link TrainingListener}, stops
 * within one step when its {@link CancelToken} is set, and leaves a {@link RunFolder}.
 */
public final class TrainingService {
  /**
   * Steps between handing freed native memory back to the system ({@link NativeMemory#trim}; 0:
   * never). Without it, resident memory creeps up over a long run (docs/readme-ml-train.md).
   */
  static final int TRIM_EVERY = Integer.getInteger("pc2seg.mallocTrimEvery", 10);

  private TrainingService() {}

  /**
   * Trains from a project: the run goes under {@code P/models/<date>-<method>} and, when it
   * produced weights, becomes the project's active model (the project is saved).
   */
  public static TrainingResult train(
      Project project, TrainConfig cfg, TrainingListener listener, CancelToken cancel)
      throws IOException {
    Path dir = newRunDir(project, cfg);
    TrainingResult r = train(TrainingData.fromProject(project), cfg, dir, listener, cancel);
    if (Files.exists(dir.resolve(RunFolder.WEIGHTS))) {
      project.setActiveModel(dir);
      ProjectStore.save(project);
    }
    return r;
  }

  /**
   * A fresh run folder under {@code P/models/}, named {@code <date>-<time>-<method>} (a suffix
   * keeps two runs started in the same second apart); not created.
   */
  public static Path newRunDir(Project project, TrainConfig cfg) {
    String name =
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT))
            + "-"
            + cfg.method().cliName();
    Path dir = project.modelsDir().resolve(name);
    for (int i = 2; Files.exists(dir); i++) {
      dir = project.modelsDir().resolve(name + "-" + i);
    }
    return dir;
  }

  /** Trains a new run into {@code runDir} (created; must not hold a run yet). */
  public static TrainingResult train(
      TrainingData data,
      TrainConfig cfg,
      Path runDir,
      TrainingListener listener,
      CancelToken cancel)
      throws IOException {
    RunFolder run = new RunFolder(runDir);
    if (Files.exists(run.file(RunFolder.CONFIG))) {
      throw new IOException(
          runDir + " already holds a run; choose a new --out folder or resume it");
    }
    data.check();
    Files.createDirectories(runDir);
    run.writeConfig(cfg);
    run.writeClasses(data.classes());
    return new Session(data, cfg, run, listener, cancel).run(false);
  }

  /**
   * Continues a run from its last checkpoint. With the same data, the steps after the checkpoint
   * give the same losses as an uninterrupted run.
   *
   * @param steps new total step count, or 0 to keep the configured one
   */
  public static TrainingResult resume(
      Path runDir, TrainingData data, int steps, TrainingListener listener, CancelToken cancel)
      throws IOException {
    RunFolder run = new RunFolder(runDir);
    TrainConfig cfg = run.readConfig();
    run.checkClasses(data.classes());
    if (steps > 0 && steps != cfg.steps()) {
      cfg = cfg.toBuilder().optSteps(steps).build();
      run.writeConfig(cfg);
    }
    data.check();
    return new Session(data, cfg, run, listener, cancel).run(true);
  }

  /** Sets the engine's intra-op threads if the engine has not started yet. */
  static void configureThreads(int threads) {
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    }
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
  }

  /** One run's state. */
  /** Consecutive steps with a non-finite gradient after which a run stops. */
  static final int MAX_BAD_GRADIENTS = 3;

  private static final class Session {
    private final TrainingData data;
    private final TrainConfig cfg;
    private final RunFolder run;
    private final TrainingListener listener;
    private final CancelToken cancel;
    private final MetricsLog log = new MetricsLog();
    private final TrainStep trainStep;
    private int lastCheckpoint = -1;

    Session(
        TrainingData data,
        TrainConfig cfg,
        RunFolder run,
        TrainingListener listener,
        CancelToken cancel) {
      this.data = data;
      this.cfg = cfg;
      this.run = run;
      this.listener = listener == null ? TrainingListener.NONE : listener;
      this.cancel = cancel == null ? new CancelToken() : cancel;
      this.trainStep = new TrainStep(data, cfg);
    }

    TrainingResult run(boolean resume) throws IOException {
      configureThreads(cfg.threads());
      long t0 = System.currentTimeMillis();
      Device device = cfg.device().resolve();
      Engine.getInstance().setRandomSeed((int) cfg.seed());
      boolean supervised = cfg.method() == Method.SUPERVISED;
      int k = data.numClasses();
      try (Model model = SegmentationModels.newModel(cfg.modelConfig(k), "pc2seg", device);
          NDManager base = model.getNDManager().newSubManager()) {
        DeepLabV3Plus block = SegmentationModels.block(model);
        if (cfg.initWeights() != null && !cfg.initWeights().isBlank() && !resume) {
          InitWeights.load(model, cfg.modelConfig(k), Path.of(cfg.initWeights()));
        }
        AdamW opt =
            new AdamW(
                AdamW.trainable(block.getParameters()), model.getNDManager(), cfg.weightDecay());
        int start = 0;
        long elapsedBefore = 0;
        requireGradients(opt);
        if (resume) {
          Checkpoints.State st =
              Checkpoints.read(Checkpoints.find(run), model, opt, model.getNDManager());
          start = st.step();
          lastCheckpoint = start;
          requireGradients(opt);
          if (st.metrics() != null) {
            log.losses.addAll(st.metrics().losses);
            log.validations.addAll(st.metrics().validations);
            log.best = st.metrics().best;
            elapsedBefore = st.metrics().wallMillis;
          }
          listener.onMessage("resumed " + run.dir() + " at step " + start);
        }
        listener.onMessage(
            String.format(
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
                cfg.seed()));
        ViewAugmenter aug = new ViewAugmenter(cfg.augment(), cfg.crop(), cfg.resizeLongSide());
        StopReason reason = StopReason.COMPLETED;
        String why = null;
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
              reason = StopReason.CANCELLED;
              why = "cancelled after step " + step;
              break;
            }
            Batch batch = loader.get(step);
            double lr = learningRate(step);
            TrainStep.Outcome out;
            try {
              out = trainStep.run(block, ps, base, batch, step);
            } catch (EngineException | OutOfMemoryError e) {
              if (isOom(e)) {
                reason = StopReason.OUT_OF_MEMORY;
                why = oomAdvice();
                break;
              }
              throw e;
            }
            if (!Double.isFinite(out.loss())) {
              reason = StopReason.NAN_LOSS;
              why =
                  "loss became "
                      + out.loss()
                      + " at step "
                      + (step + 1)
                      + keptCheckpoint()
                      + ". Lower --lr (now "
                      + cfg.learningRate()
                      + ") or the unlabeled loss weights";
              break;
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
                reason = StopReason.NAN_LOSS;
                why =
                    "gradients were not finite "
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
                break;
              }
            } else {
              badGradients = 0;
            }
            step++;
            if (TRIM_EVERY > 0 && step % TRIM_EVERY == 0) {
              NativeMemory.trim();
            }
            lastLoss = out.loss();
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
            boolean last = step == cfg.steps();
            if (data.val().size() > 0
                && (last || (cfg.valEvery() > 0 && step % cfg.valEvery() == 0))) {
              validate(model, block, base, step);
            }
            if (last || (cfg.checkpointEvery() > 0 && step % cfg.checkpointEvery() == 0)) {
              log.wallMillis = elapsedBefore + System.currentTimeMillis() - t0;
              checkpoint(model, opt, base, step);
            }
          }
        }
        if (reason == StopReason.CANCELLED && step > lastCheckpoint) {
          log.wallMillis = elapsedBefore + System.currentTimeMillis() - t0;
          checkpoint(model, opt, base, step);
        }
        if (reason == StopReason.COMPLETED || reason == StopReason.CANCELLED) {
          RunFolder.saveWeights(model, run.file(RunFolder.WEIGHTS));
        } else if (lastCheckpoint >= 0) {
          Files.copy(
              Checkpoints.find(run).resolve(Checkpoints.MODEL),
              run.file(RunFolder.WEIGHTS),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        log.wallMillis = elapsedBefore + System.currentTimeMillis() - t0;
        String msg =
            why != null
                ? why
                : String.format(
                    Locale.ROOT, "done: %d steps in %.1f s", step, log.wallMillis / 1000.0);
        TrainingResult result =
            new TrainingResult(
                run.dir(),
                step,
                reason,
                msg,
                log.last(),
                log.bestMetrics(),
                lastLoss,
                log.wallMillis);
        run.writeMetrics(log.toJson(result));
        listener.onMessage(msg);
        return result;
      }
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
          Validator.evaluate(
              block, base, data.val(), data.numClasses(), cfg.resizeLongSide(), step, null);
      boolean best = log.addValidation(m);
      if (best) {
        RunFolder.saveWeights(model, run.file(RunFolder.BEST));
      }
      listener.onValidation(m);
    }

    private void checkpoint(Model model, AdamW opt, NDManager base, int step) throws IOException {
      Checkpoints.write(run, model, opt, base, step, log);
      lastCheckpoint = step;
      run.writeMetrics(log.toJson(null));
      listener.onCheckpoint(run.checkpointDir(), step);
    }

    /** Linear warm-up, then poly(0.9) decay to 0 at the last step. */
    double learningRate(int step) {
      double warm =
          cfg.lrWarmupSteps() > 0 ? Math.min(1.0, (step + 1.0) / cfg.lrWarmupSteps()) : 1.0;
      return cfg.learningRate() * warm * Math.pow(1.0 - (double) step / cfg.steps(), 0.9);
    }

    private static boolean isOom(Throwable e) {
      if (e instanceof OutOfMemoryError) {
        return true;
      }
      String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      return m.contains("out of memory") || m.contains("can't allocate") || m.contains("bad_alloc");
    }

    private String oomAdvice() {
      return String.format(
          Locale.ROOT,
          "ran out of memory with batch %d+%d at crop %d (%s, width %d): lower --batch first,"
              + " then --crop; a smaller --width or backbone also helps",
          cfg.batchLabeled(),
          cfg.batchUnlabeled(),
          cfg.crop(),
          cfg.backbone(),
          cfg.width());
    }
  }
}
