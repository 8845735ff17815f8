package org.pc2seg.cli;

import java.util.concurrent.Callable;
import org.pc2seg.export.MaskSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code export masks}: the saved masks (accepted predictions included) of a project. */
@Command(
    name = "masks",
    mixinStandardHelpOptions = true,
    description =
        "Export the saved masks of a project (accepted predictions are saved masks) as index PNGs,"
            + " colour PNGs or COCO JSON.")
public final class ExportMasksCommand implements Callable<Integer> {
  @Mixin MaskExportOptions options;

  @Option(
      names = "--include-predictions",
      description = "also export the prediction of every image that has no saved mask")
  boolean includePredictions;

  @Option(
      names = "--min-confidence",
      defaultValue = "0",
      description =
          "with --include-predictions: predicted pixels below this confidence (0..1) become"
              + " unlabeled (255)")
  double minConfidence;

  @Override
  public Integer call() {
    return options.run(
        includePredictions
            ? MaskSelection.Source.LABELED_OR_PREDICTED
            : MaskSelection.Source.LABELED,
        minConfidence);
  }
}
