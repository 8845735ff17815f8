package org.pc2seg.ml.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.pc2seg.ml.data.TrainingData;
import org.pc2seg.ml.model.ModelConfig;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;

/**
 * The one headless entry point for training, used by the GUI, the CLI and the tests. A run reads
 * {@link TrainingData}, follows a {@link TrainConfig}, reports to a {@link TrainingListener}, stops
 * within one step when its {@link CancelToken} is set, and leaves a {@link RunFolder}.
 */
public final class TrainingService {
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
    ModelConfig.requireTrainableWidth(cfg.width());
    RunFolder run = new RunFolder(runDir);
    if (Files.exists(run.file(RunFolder.CONFIG))) {
      throw new IOException(
          runDir + " already holds a run; choose a new --out folder or resume it");
    }
    data.check();
    Files.createDirectories(runDir);
    run.writeConfig(cfg);
    run.writeClasses(data.classes());
    return new TrainingSession(data, cfg, run, listener, cancel).run(false);
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
    ModelConfig.requireTrainableWidth(cfg.width());
    run.checkClasses(data.classes());
    if (steps > 0 && steps != cfg.steps()) {
      cfg = cfg.toBuilder().optSteps(steps).build();
      run.writeConfig(cfg);
    }
    data.check();
    return new TrainingSession(data, cfg, run, listener, cancel).run(true);
  }
}
