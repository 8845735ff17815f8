package org.pc2seg.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pc2seg.ml.data.TrainingData;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.ml.train.TrainConfig;
import org.pc2seg.ml.train.TrainingResult;
import org.pc2seg.ml.train.TrainingService;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train}: PC²Seg or supervised training from a project or VOC-style folders. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train a segmentation model (PC2Seg semi-supervised or supervised) from a project"
            + " (--project) or from folders (--train-images/--train-masks ...).")
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--project", description = "project folder; the run goes to P/models/")
  Path project;

  @Mixin FolderOptions folders = new FolderOptions();

  @Option(names = "--out", description = "run folder (required with folders)")
  Path out;

  @Option(names = "--resume", description = "continue the run in this folder from its checkpoint")
  Path resume;

  @Mixin TrainOptions options = new TrainOptions();

  @Override
  public Integer call() {
    try {
      TrainConfig cfg = options.toConfig();
      CancelToken cancel = new CancelToken();
      Runtime.getRuntime().addShutdownHook(new Thread(cancel::cancel));
      ProgressPrinter printer = new ProgressPrinter(System.err, cfg.steps());
      TrainingResult r;
      if (resume != null) {
        r =
            TrainingService.resume(
                resume, data(), options.steps == null ? 0 : options.steps, printer, cancel);
      } else if (project != null) {
        Project p = ProjectStore.open(project);
        if (out != null) {
          r = TrainingService.train(TrainingData.fromProject(p), cfg, out, printer, cancel);
        } else {
          r = TrainingService.train(p, cfg, printer, cancel);
        }
      } else {
        if (out == null) {
          throw new IllegalArgumentException("--out DIR is required when training from folders");
        }
        r = TrainingService.train(data(), cfg, out, printer, cancel);
      }
      System.out.println(r.runDir());
      return r.completed() ? 0 : 1;
    } catch (Exception e) {
      System.err.println("error: " + e.getMessage());
      if (System.getenv("PC2SEG_DEBUG") != null) {
        e.printStackTrace();
      }
      return 2;
    }
  }

  private TrainingData data() throws java.io.IOException {
    if (project != null) {
      return TrainingData.fromProject(ProjectStore.open(project));
    }
    return folders.load();
  }
}
