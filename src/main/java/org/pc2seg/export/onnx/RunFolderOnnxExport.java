package org.pc2seg.export.onnx;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pc2seg.export.ExportException;
import org.pc2seg.ml.model.ModelWeights;
import org.pc2seg.ml.model.SegmentationModels;

/** Loads a run folder's weights into the DJL model and writes it as ONNX. */
public final class RunFolderOnnxExport {
  private RunFolderOnnxExport() {}

  /**
   * Exports a run folder as ONNX.
   *
   * @param out an {@code .onnx} file, or a folder to write {@code model.onnx} into
   * @return the file written
   */
  public static Path export(Path runDir, Path out, boolean overwrite) throws IOException {
    RunFolder run = RunFolder.read(runDir);
    Path file = Files.isDirectory(out) ? out.resolve("model.onnx") : out;
    if (Files.exists(file) && !overwrite) {
      throw new ExportException(
          file,
          "already exists; nothing was written. Choose another name or overwrite (--overwrite)");
    }
    try (Model model = SegmentationModels.newModel(run.config(), "export", null)) {
      try {
        ModelWeights.loadFull(model, run.weights());
      } catch (MalformedModelException e) {
        throw new ExportException(run.weights(), "cannot load weights (" + e.getMessage() + ")", e);
      }
      int crop = run.crop() > 0 ? run.crop() : 512;
      DeepLabOnnxExporter.builder()
          .setBlock(SegmentationModels.block(model))
          .setClasses(run.classes())
          .optInputSize(crop, crop)
          .optMetadata("pc2seg.run", run.dir().getFileName().toString())
          .optMetadata("pc2seg.max_side", Integer.toString(run.maxSide()))
          .build()
          .write(file);
    } catch (IOException e) {
      if (e instanceof ExportException) {
        throw e;
      }
      throw new ExportException(file, "cannot write ONNX model (" + e.getMessage() + ")", e);
    }
    return file;
  }
}
