package org.pc2seg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pc2seg.ml.data.FileListSource;
import org.pc2seg.ml.data.FolderSource;
import org.pc2seg.ml.data.ProjectSource;
import org.pc2seg.ml.data.TrainingData;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import org.pc2seg.sample.SampleProjectGenerator;

/**
 * The images of an experiment, split for one number n of labeled images. Either a project (its
 * labeled TRAIN images first, then its unlabeled pool; the first n get their {@code ground-truth/}
 * mask when the project has one, else their saved mask) or VOC-style folders (the first n training
 * images in name order with their masks; the other training images join the unlabeled images,
 * without their masks). Validation is the project's labeled VAL images or the validation folders.
 */
final class ExperimentInputs {
  /** Labeled images per run when neither {@code --labeled} nor folders say otherwise. */
  static final int DEFAULT_LABELED = 6;

  private final Path project;
  private final FolderOptions folders;
  private TrainingData folderData;

  ExperimentInputs(Path project, FolderOptions folders) {
    if (project != null && folders.given()) {
      throw new IllegalArgumentException("give --project or data folders, not both");
    }
    if (project == null && !folders.given()) {
      throw new IllegalArgumentException(
          "give --project P, or --train-images D --train-masks D --val-images D --val-masks D"
              + " [--unlabeled D]");
    }
    if (project == null && (folders.valImages == null || folders.valMasks == null)) {
      throw new IllegalArgumentException(
          "an experiment is scored on validation images: give --val-images and --val-masks");
    }
    this.project = project;
    this.folders = folders;
  }

  /** Labeled images per run by default: 6 for a project, every training image for folders. */
  int defaultLabeled() throws IOException {
    return project != null ? DEFAULT_LABELED : folderData().labeled().size();
  }

  /**
   * The folders' data, loaded once: without {@code --classes} loading reads every training mask to
   * find the classes, which the default count and each run would otherwise repeat.
   */
  private TrainingData folderData() throws IOException {
    if (folderData == null) {
      folderData = folders.load();
    }
    return folderData;
  }

  /** The data of a run with {@code n} labeled images. */
  TrainingData data(int n) throws IOException {
    return project != null ? fromProject(n) : fromFolders(n);
  }

  private TrainingData fromProject(int n) throws IOException {
    Project p = ProjectStore.open(project);
    List<ImageItem> pool = new ArrayList<>(p.labeledTrainItems());
    for (ImageItem i : p.unlabeledPool()) {
      if (!pool.contains(i)) {
        pool.add(i);
      }
    }
    requireAtMost(n, pool.size(), "pool images");
    List<Path> li = new ArrayList<>();
    List<Path> lm = new ArrayList<>();
    List<Path> ui = new ArrayList<>();
    for (int i = 0; i < pool.size(); i++) {
      ImageItem it = pool.get(i);
      if (i < n) {
        Path truth = SampleProjectGenerator.groundTruth(p, it);
        Path mask = Files.exists(truth) ? truth : p.maskFile(it);
        if (!Files.exists(mask)) {
          throw new IllegalArgumentException(
              n
                  + " labeled images asked for, but "
                  + it.stem()
                  + " (pool image "
                  + (i + 1)
                  + ") has no mask and the project no ground-truth/ for it: lower --labeled to "
                  + p.labeledTrainItems().size()
                  + " or label more TRAIN images");
        }
        li.add(p.imageFile(it));
        lm.add(mask);
      } else {
        ui.add(p.imageFile(it));
      }
    }
    int k = p.numClasses();
    return new TrainingData(
        new FileListSource(li, lm, k),
        new FileListSource(ui, null, k),
        new ProjectSource(p, p.labeledValItems(), true),
        p.classes());
  }

  private TrainingData fromFolders(int n) throws IOException {
    TrainingData all = folderData();
    List<Path> train = FolderSource.unlabeled(folders.trainImages).files(); // name order
    requireAtMost(n, train.size(), "training images in " + folders.trainImages);
    List<Path> li = new ArrayList<>(train.subList(0, n));
    List<Path> lm = new ArrayList<>();
    for (Path img : li) {
      lm.add(FolderSource.maskOf(folders.trainMasks, img));
    }
    List<Path> ui = new ArrayList<>(train.subList(n, train.size()));
    if (all.unlabeled() instanceof FileListSource u) {
      ui.addAll(u.files());
    }
    int k = all.numClasses();
    return new TrainingData(
        new FileListSource(li, lm, k), new FileListSource(ui, null, k), all.val(), all.classes());
  }

  private static void requireAtMost(int n, int available, String what) {
    if (n < 1) {
      throw new IllegalArgumentException("--labeled must be at least 1, got " + n);
    }
    if (n > available) {
      throw new IllegalArgumentException(
          n + " labeled images asked for, but there are only " + available + " " + what);
    }
  }
}
