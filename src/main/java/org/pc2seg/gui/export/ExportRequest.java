package org.pc2seg.gui.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.pc2seg.export.ExportListener;
import org.pc2seg.export.MaskExporter;
import org.pc2seg.export.MaskSelection;
import org.pc2seg.export.NativeModelExporter;
import org.pc2seg.export.onnx.RunFolderOnnxExport;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.project.Project;

/**
 * One export chosen in the dialog, run off the FX thread through the export API.
 *
 * @param what masks, predictions, masks-or-predictions, ONNX model or native model
 * @param format mask format (ignored for models)
 * @param destination output folder (or file for COCO / ONNX)
 * @param overwrite replace existing files
 */
public record ExportRequest(
    What what, MaskExporter.Format format, Path destination, boolean overwrite) {
  /** What to export. */
  public enum What {
    MASKS("Masks of labeled images"),
    PREDICTIONS("Predictions"),
    MASKS_OR_PREDICTIONS("Masks, else predictions"),
    MODEL_ONNX("Active model as ONNX"),
    MODEL_NATIVE("Active model (native run folder)");

    private final String label;

    What(String label) {
      this.label = label;
    }

    public boolean isModel() {
      return this == MODEL_ONNX || this == MODEL_NATIVE;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** Runs the export; returns a one-line summary. */
  public String run(Project p, ExportListener listener, CancelToken cancel) throws IOException {
    if (what.isModel()) {
      Path run =
          p.activeModel()
              .orElseThrow(() -> new IOException("the project has no active model: train first"));
      if (what == What.MODEL_ONNX) {
        Path out = RunFolderOnnxExport.export(run, destination, overwrite);
        return "Exported the model as ONNX to " + out;
      }
      int n = NativeModelExporter.export(run, destination, overwrite).size();
      return "Exported the model (" + n + " files) to " + destination;
    }
    MaskSelection.Source source =
        switch (what) {
          case PREDICTIONS -> MaskSelection.Source.PREDICTED;
          case MASKS_OR_PREDICTIONS -> MaskSelection.Source.LABELED_OR_PREDICTED;
          default -> MaskSelection.Source.LABELED;
        };
    var r =
        MaskExporter.builder()
            .setSelection(new MaskSelection(p, source, Set.of(), 0))
            .setFormat(format)
            .setDestination(destination)
            .optOverwrite(overwrite)
            .build()
            .export(listener, cancel);
    return "Exported "
        + r.images()
        + " images ("
        + format.name().toLowerCase(java.util.Locale.ROOT)
        + ") to "
        + r.destination()
        + (r.cancelled() ? " — cancelled, files written so far are whole" : "");
  }
}
