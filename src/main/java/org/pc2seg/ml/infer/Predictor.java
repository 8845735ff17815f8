package org.pc2seg.ml.infer;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pc2seg.ml.model.DeepLabV3Plus;
import org.pc2seg.ml.model.SegmentationModels;
import org.pc2seg.ml.train.DeviceChoice;
import org.pc2seg.ml.train.RunFolder;
import org.pc2seg.ml.train.TrainConfig;
import org.pc2seg.project.LabelClass;

/**
 * A trained model loaded from a run folder (best.params when present, else model.params), ready to
 * predict images one at a time. Thread-safe (calls are serialised); close it to free native memory.
 */
public final class Predictor implements AutoCloseable {
  private final Path runDir;
  private final TrainConfig config;
  private final List<LabelClass> classes;
  private final Model model;
  private final DeepLabV3Plus block;
  private final NDManager manager;

  private Predictor(Path runDir, TrainConfig config, List<LabelClass> classes, Model model) {
    this.runDir = runDir;
    this.config = config;
    this.classes = classes;
    this.model = model;
    this.block = SegmentationModels.block(model);
    this.manager = model.getNDManager();
  }

  /** Loads a run folder; throws naming the folder when it is not a model. */
  public static Predictor load(Path runDir) throws IOException {
    return load(runDir, DeviceChoice.AUTO);
  }

  /** Loads a run folder on a device. */
  public static Predictor load(Path runDir, DeviceChoice device) throws IOException {
    RunFolder run = new RunFolder(runDir);
    if (!run.isModel()) {
      throw new IOException(
          runDir + " is not a model folder (needs config.json, classes.json and model.params)");
    }
    return load(runDir, run.weightsForPrediction(), device);
  }

  /**
   * Loads a run folder's network and classes with the given weights, e.g. {@link
   * RunFolder#checkpointWeights()} of a run that is still training.
   */
  public static Predictor load(Path runDir, Path weights, DeviceChoice device) throws IOException {
    RunFolder run = new RunFolder(runDir);
    if (!java.nio.file.Files.exists(weights)) {
      throw new IOException("no weights at " + weights);
    }
    TrainConfig cfg = run.readConfig();
    List<LabelClass> classes = run.readClasses();
    int k = classes.stream().mapToInt(LabelClass::id).max().orElse(-1) + 1;
    Model model = SegmentationModels.newModel(cfg.modelConfig(k), "pc2seg", device.resolve());
    try {
      RunFolder.loadWeights(model, weights);
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
    return new Predictor(run.dir(), cfg, classes, model);
  }

  /** Loads a run folder and checks it was trained for {@code expected} (ids and names). */
  public static Predictor load(Path runDir, List<LabelClass> expected) throws IOException {
    new RunFolder(runDir).checkClasses(expected);
    return load(runDir);
  }

  public Path runDir() {
    return runDir;
  }

  public TrainConfig config() {
    return config;
  }

  /** The underlying DJL model (for tools such as the benchmark). */
  public Model model() {
    return model;
  }

  /** The class table the model was trained for. */
  public List<LabelClass> classes() {
    return classes;
  }

  /** Class map, confidence and per-pixel probabilities of an image, at the image's own size. */
  public synchronized Prediction predict(BufferedImage image) {
    return Inference.predict(block, manager, image, config.resizeLongSide());
  }

  /**
   * The same at the model's working size: an image larger than it is shrunk first and its
   * probabilities are not scaled back up. For uses that only need the probabilities (ranking,
   * heat-maps), where a photo's full-size K×H×W map would cost K×4 bytes per pixel.
   */
  public Prediction predictAtWorkingSize(BufferedImage image) {
    return predict(org.pc2seg.image.Downscale.toMaxSide(image, config.resizeLongSide()));
  }

  @Override
  public synchronized void close() {
    model.close();
  }
}
