package org.pc2seg.ml.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pc2seg.ml.model.DeepLabV3Plus;

/**
 * Loads initial weights from a local file (nothing is downloaded): a full model's {@code .params}
 * (e.g. another run's model.params) or, failing that, a backbone-only {@code .params}.
 */
final class InitWeights {
  private InitWeights() {}

  static void load(DeepLabV3Plus block, NDManager m, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("init weights file not found: " + file);
    }
    try {
      RunFolder.loadWeights(block, m, file);
    } catch (IOException full) {
      try {
        RunFolder.loadWeights(block.backbone(), m, file);
      } catch (IOException bb) {
        throw new IOException(
            "init weights "
                + file
                + " fit neither the whole network nor its backbone: "
                + full.getMessage(),
            full);
      }
    }
  }
}
