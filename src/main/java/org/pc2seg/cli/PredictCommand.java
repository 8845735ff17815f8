package org.pc2seg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.ml.data.FolderSource;
import org.pc2seg.ml.infer.Prediction;
import org.pc2seg.ml.infer.PredictionWriter;
import org.pc2seg.ml.infer.Predictor;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code predict}: index PNG + confidence PNG per image. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description =
        "Predict --images into --out (<stem>.png class ids, <stem>.conf.png max probability x255),"
            + " or fill a project's predictions/ from its active model (--project).")
public final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", description = "run folder (default: the project's active model)")
  Path model;

  @Option(names = "--images", description = "images folder")
  Path images;

  @Option(names = "--out", description = "output folder")
  Path out;

  @Option(names = "--project", description = "project whose images to predict")
  Path project;

  @Override
  public Integer call() {
    try {
      if (project != null) {
        Project p = ProjectStore.open(project);
        Path dir =
            model != null
                ? model
                : p.activeModel()
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "project "
                                    + project
                                    + " has no active model: train one or give --model"));
        try (Predictor pred = Predictor.load(dir, p.classes())) {
          CancelToken cancel = new CancelToken();
          Runtime.getRuntime().addShutdownHook(new Thread(cancel::cancel));
          int n =
              PredictionWriter.predictAll(
                  pred,
                  p,
                  p.items(),
                  List.of(),
                  (i, total, item, pr) -> System.err.println(i + "/" + total + " " + item.path()),
                  cancel);
          ProjectStore.save(p);
          System.out.println("predicted " + n + " images into " + p.predictionsDir());
        }
        return 0;
      }
      if (model == null || images == null || out == null) {
        throw new IllegalArgumentException(
            "give --model DIR --images DIR --out DIR, or --project P");
      }
      Files.createDirectories(out);
      List<Path> files = FolderSource.unlabeled(images).files();
      try (Predictor pred = Predictor.load(model)) {
        int i = 0;
        for (Path f : files) {
          Prediction p = pred.predict(ImageLoader.readRgb(f));
          String n = f.getFileName().toString();
          String stem = n.contains(".") ? n.substring(0, n.lastIndexOf('.')) : n;
          PredictionWriter.write(p, out.resolve(stem + ".png"), out.resolve(stem + ".conf.png"));
          System.err.println(++i + "/" + files.size() + " " + n);
        }
      }
      System.out.println("predicted " + files.size() + " images into " + out);
      return 0;
    } catch (Exception e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }
}
