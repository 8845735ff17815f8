package org.pc2seg.ml.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.pc2seg.io.AtomicFiles;
import org.pc2seg.ml.model.ModelWeights;
import org.pc2seg.project.LabelClass;

/**
 * The files of one training run:
 *
 * <pre>
 * run/
 *   config.json        full TrainConfig (seed included)
 *   classes.json       the class table the model was trained for
 *   metrics.json       loss curve, validations, best and last metrics, stop reason
 *   model.params       weights after the last step (or the last good checkpoint after a NaN)
 *   best.params        weights of the best validation (when there is a validation set)
 *   checkpoint/        model.params, optimizer.params, state.json: enough to resume exactly
 * </pre>
 *
 * Every file is written atomically, so a crash leaves the previous version.
 */
public final class RunFolder {
  public static final String CONFIG = "config.json";
  public static final String CLASSES = "classes.json";
  public static final String METRICS = "metrics.json";
  public static final String WEIGHTS = "model.params";
  public static final String BEST = "best.params";
  public static final String CHECKPOINT = "checkpoint";
  static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  private final Path dir;

  public RunFolder(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path dir() {
    return dir;
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  public Path checkpointDir() {
    return dir.resolve(CHECKPOINT);
  }

  /** The weights of the last checkpoint (present while a run trains, once one was written). */
  public Path checkpointWeights() {
    return checkpointDir().resolve(Checkpoints.MODEL);
  }

  /** Whether the folder holds a model (config, classes and weights). */
  public boolean isModel() {
    return Files.exists(file(CONFIG)) && Files.exists(file(CLASSES)) && Files.exists(file(WEIGHTS));
  }

  /** The weights a predictor should load: best.params when present, else model.params. */
  public Path weightsForPrediction() {
    return Files.exists(file(BEST)) ? file(BEST) : file(WEIGHTS);
  }

  public void writeConfig(TrainConfig c) throws IOException {
    AtomicFiles.writeString(file(CONFIG), c.toJson());
  }

  public TrainConfig readConfig() throws IOException {
    Path f = file(CONFIG);
    if (!Files.exists(f)) {
      throw new IOException(dir + " is not a model folder: " + CONFIG + " is missing");
    }
    return TrainConfig.fromJson(Files.readString(f));
  }

  public void writeClasses(List<LabelClass> classes) throws IOException {
    AtomicFiles.writeString(file(CLASSES), GSON.toJson(classes));
  }

  public List<LabelClass> readClasses() throws IOException {
    Path f = file(CLASSES);
    if (!Files.exists(f)) {
      throw new IOException(dir + " is not a model folder: " + CLASSES + " is missing");
    }
    List<LabelClass> l =
        GSON.fromJson(Files.readString(f), new TypeToken<List<LabelClass>>() {}.getType());
    return List.copyOf(l);
  }

  /**
   * Throws a clear error when the run's class table differs (ids or names) from {@code expected}.
   */
  public void checkClasses(List<LabelClass> expected) throws IOException {
    List<LabelClass> mine = readClasses();
    boolean same = mine.size() == expected.size();
    for (int i = 0; same && i < mine.size(); i++) {
      same =
          mine.get(i).id() == expected.get(i).id()
              && mine.get(i).name().equals(expected.get(i).name());
    }
    if (!same) {
      throw new IOException(
          "model folder "
              + dir
              + " was trained for classes "
              + describe(mine)
              + " but this data has "
              + describe(expected)
              + "; train a new model for this class table");
    }
  }

  static String describe(List<LabelClass> l) {
    StringBuilder b = new StringBuilder("[");
    for (LabelClass c : l) {
      if (b.length() > 1) {
        b.append(", ");
      }
      b.append(c.id()).append('=').append(c.name());
    }
    return b.append(']').toString();
  }

  public void writeMetrics(Map<String, Object> metrics) throws IOException {
    AtomicFiles.writeString(file(METRICS), GSON.toJson(metrics));
  }

  /** Writes a model's weights (BatchNorm statistics included) atomically, in DJL's format. */
  public static void saveWeights(Model model, Path file) throws IOException {
    ModelWeights.saveFull(model, file);
  }

  /** Loads weights written by {@link #saveWeights} into a model of the same architecture. */
  public static void loadWeights(Model model, Path file) throws IOException {
    try {
      ModelWeights.loadFull(model, file);
    } catch (MalformedModelException e) {
      throw new IOException(
          "cannot load weights " + file + ": " + e.getMessage() + " (built for another network?)",
          e);
    }
  }

  /** Writes arrays atomically (DJL's NDList encoding). */
  public static void saveArrays(NDList list, Path file) throws IOException {
    AtomicFiles.write(file, list::encode);
  }

  /** Reads arrays written by {@link #saveArrays}. */
  public static NDList loadArrays(NDManager manager, Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return NDList.decode(manager, in);
    }
  }
}
