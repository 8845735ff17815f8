package org.pc2seg.cli;

import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pc2seg.ml.data.FolderSource;
import org.pc2seg.ml.data.ProjectSource;
import org.pc2seg.ml.data.SegmentationSource;
import org.pc2seg.ml.infer.Predictor;
import org.pc2seg.ml.train.ConfusionMatrix;
import org.pc2seg.ml.train.ValidationMetrics;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eval}: mIoU, per-class IoU and pixel accuracy of a model on labeled images, as JSON. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate a model folder on --images/--masks (or a project's val split); prints JSON"
            + " {miou, per_class_iou, pixel_acc}.")
public final class EvalCommand implements Callable<Integer> {
  @Option(names = "--model", description = "run folder (default: the project's active model)")
  Path model;

  @Option(names = "--images", description = "images folder")
  Path images;

  @Option(names = "--masks", description = "masks folder (<stem>.png)")
  Path masks;

  @Option(names = "--project", description = "evaluate on this project's labeled val images")
  Path project;

  @Override
  public Integer call() {
    try {
      Project p = project == null ? null : ProjectStore.open(project);
      Path dir = model;
      if (dir == null) {
        if (p == null || p.activeModel().isEmpty()) {
          throw new IllegalArgumentException(
              "give --model DIR (or a --project with an active model)");
        }
        dir = p.activeModel().get();
      }
      try (Predictor pred = p == null ? Predictor.load(dir) : Predictor.load(dir, p.classes())) {
        int k = pred.classes().stream().mapToInt(c -> c.id()).max().orElse(0) + 1;
        SegmentationSource src;
        if (images != null) {
          if (masks == null) {
            throw new IllegalArgumentException("--images needs --masks");
          }
          src = FolderSource.labeled(images, masks, k);
        } else if (p != null) {
          src = new ProjectSource(p, p.labeledValItems(), true);
        } else {
          throw new IllegalArgumentException("give --images DIR --masks DIR or --project P");
        }
        ConfusionMatrix cm = new ConfusionMatrix(k);
        for (int i = 0; i < src.size(); i++) {
          var li = src.load(i);
          cm.add(li.mask().data(), pred.predict(li.image()).classes());
        }
        ValidationMetrics m = cm.metrics(0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("miou", m.miou());
        out.put("per_class_iou", m.perClassIou());
        out.put("pixel_acc", m.pixelAccuracy());
        out.put("images", src.size());
        System.out.println(
            new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(out));
      }
      return 0;
    } catch (Exception e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }
}
