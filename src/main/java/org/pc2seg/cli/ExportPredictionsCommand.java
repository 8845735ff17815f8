package org.pc2seg.cli;

import java.util.concurrent.Callable;
import org.pc2seg.export.MaskSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code export predictions}: the model's predictions stored in a project. */
@Command(
    name = "predictions",
    mixinStandardHelpOptions = true,
    description =
        "Export the predictions stored in a project's predictions/ folder (fill it with"
            + " 'predict --project P') as index PNGs, colour PNGs or COCO JSON.")
public final class ExportPredictionsCommand implements Callable<Integer> {
  @Mixin MaskExportOptions options;

  @Option(
      names = "--min-confidence",
      defaultValue = "0",
      description = "pixels below this confidence (0..1) become unlabeled (255)")
  double minConfidence;

  @Override
  public Integer call() {
    return options.run(MaskSelection.Source.PREDICTED, minConfidence);
  }
}
