package org.pc2seg.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pc2seg.export.NativeModelExporter;
import org.pc2seg.export.onnx.RunFolderOnnxExport;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export model}: the project's active model as ONNX or as a native run folder. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description =
        "Export the project's active model (or --model DIR) as an ONNX file (opset 13, runs in"
            + " ONNX Runtime) or as a native run folder (weights + JSON) that the app re-imports.")
public final class ExportModelCommand implements Callable<Integer> {
  @Option(names = "--project", description = "project folder (its active model is exported)")
  Path project;

  @Option(names = "--model", description = "a run folder to export instead of the active model")
  Path model;

  @Option(names = "--format", required = true, description = "onnx or native")
  String format;

  @Option(names = "--out", required = true, description = "ONNX file or new run folder")
  Path out;

  @Option(names = "--overwrite", description = "replace an existing file or folder")
  boolean overwrite;

  @Override
  public Integer call() {
    try {
      Path runDir = runDir();
      switch (format.trim().toLowerCase(Locale.ROOT)) {
        case "native" -> {
          List<Path> files = NativeModelExporter.export(runDir, out, overwrite);
          System.out.printf(
              Locale.ROOT, "Exported model %s (%d files) to %s%n", runDir, files.size(), out);
        }
        case "onnx" -> {
          Path file = RunFolderOnnxExport.export(runDir, out, overwrite);
          System.out.printf(Locale.ROOT, "Exported model %s as ONNX to %s%n", runDir, file);
        }
        default ->
            throw new IllegalArgumentException(
                "unknown model format '" + format + "' (onnx, native)");
      }
      return 0;
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private Path runDir() throws IOException {
    if (model != null) {
      return model;
    }
    if (project == null) {
      throw new IllegalArgumentException("give --project P (its active model) or --model DIR");
    }
    Project p = ProjectStore.open(project);
    return p.activeModel()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "project "
                        + p.root()
                        + " has no active model; train one (train --project P) or pass --model"
                        + " DIR"));
  }
}
