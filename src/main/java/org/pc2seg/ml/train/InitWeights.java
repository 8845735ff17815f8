package org.pc2seg.ml.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pc2seg.ml.model.ModelConfig;
import org.pc2seg.ml.model.ModelWeights;
import org.pc2seg.ml.model.PretrainedWeights;
import org.pc2seg.ml.model.SegmentationModels;

/**
 * Loads initial weights from a local file (nothing is downloaded): a whole model of the same
 * architecture (e.g. another run's model.params), else the backbone of any full or backbone-only
 * {@code .params} file, or of a {@code .safetensors} file; or the ImageNet weights bundled with the
 * app ({@code imagenet}).
 */
final class InitWeights {
  private InitWeights() {}

  /**
   * Loads {@code spec}: {@link PretrainedWeights#BUNDLED} for the ImageNet weights that come with
   * the app, else a file path.
   */
  static void load(Model model, ModelConfig config, String spec) throws IOException {
    if (PretrainedWeights.BUNDLED.equals(spec)) {
      try {
        PretrainedWeights.loadBundled(model);
      } catch (MalformedModelException e) {
        throw new IOException(e.getMessage(), e);
      }
      return;
    }
    load(model, config, Path.of(spec));
  }

  static void load(Model model, ModelConfig config, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("init weights file not found: " + file);
    }
    boolean full;
    try (Model probe =
        SegmentationModels.newModel(config, "probe", model.getNDManager().getDevice())) {
      ModelWeights.loadFull(probe, file);
      full = true;
    } catch (MalformedModelException | IOException | RuntimeException e) {
      full = false;
    }
    try {
      if (full) {
        ModelWeights.loadFull(model, file);
      } else {
        ModelWeights.loadBackbone(model, file);
      }
    } catch (MalformedModelException e) {
      throw new IOException(
          "init weights " + file + " fit neither this network nor its backbone: " + e.getMessage(),
          e);
    }
  }
}
