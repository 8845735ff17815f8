package org.pc2seg.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pc2seg.export.CocoBuilder;
import org.pc2seg.export.ExportResult;
import org.pc2seg.export.MaskExporter;
import org.pc2seg.export.MaskSelection;
import org.pc2seg.export.Palettes;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import org.pc2seg.project.Split;
import picocli.CommandLine.Option;

/** Options shared by {@code export masks} and {@code export predictions}. */
final class MaskExportOptions {
  @Option(names = "--project", required = true, description = "project folder")
  Path project;

  @Option(
      names = "--format",
      required = true,
      description = "index (palette PNG, VOC layout), color (RGBA PNG) or coco (one JSON file)")
  String format;

  @Option(
      names = "--out",
      required = true,
      description = "output folder (index, color) or JSON file or folder (coco)")
  Path out;

  @Option(names = "--overwrite", description = "replace existing files instead of failing")
  boolean overwrite;

  @Option(
      names = "--split",
      split = ",",
      description = "only these splits: train, val, unlabeled (default: all)")
  List<String> splits = List.of();

  @Option(
      names = "--palette",
      defaultValue = "voc",
      description = "index PNG colour table: voc or classes (default: ${DEFAULT-VALUE})")
  String palette;

  @Option(
      names = "--coco-annotations",
      defaultValue = "class",
      description =
          "coco: one annotation per 'class' per image or per connected 'region'"
              + " (default: ${DEFAULT-VALUE})")
  String granularity;

  @Option(
      names = "--coco-counts",
      defaultValue = "string",
      description =
          "coco: RLE counts as the compact 'string' (pycocotools) or a plain 'list'"
              + " (default: ${DEFAULT-VALUE})")
  String counts;

  /** Opens the project, runs the export and prints a summary; returns the exit code. */
  int run(MaskSelection.Source source, double minConfidence) {
    try {
      Project p = ProjectStore.open(project);
      MaskExporter exporter =
          MaskExporter.builder()
              .setSelection(new MaskSelection(p, source, parseSplits(), minConfidence))
              .setFormat(MaskExporter.Format.parse(format))
              .setDestination(out)
              .optOverwrite(overwrite)
              .optPalette(Palettes.Kind.valueOf(upper(palette)))
              .optGranularity(CocoBuilder.Granularity.valueOf(upper(granularity)))
              .optCounts(CocoBuilder.Counts.valueOf(upper(counts)))
              .build();
      ExportResult r =
          exporter.export(
              (done, total, item) -> {
                if (done == total || done % 50 == 0) {
                  System.err.printf(Locale.ROOT, "exported %d/%d%n", done, total);
                }
              },
              new CancelToken());
      System.out.printf(
          Locale.ROOT,
          "Exported %d image(s) (%d from predictions) as %s to %s%s%n",
          r.images(),
          r.fromPredictions(),
          format.toLowerCase(Locale.ROOT),
          r.destination(),
          r.annotations() > 0 ? " (" + r.annotations() + " annotations)" : "");
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private Set<Split> parseSplits() {
    Set<Split> s = EnumSet.noneOf(Split.class);
    for (String name : splits) {
      try {
        s.add(Split.valueOf(upper(name)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown split '" + name + "' (train, val, unlabeled)", e);
      }
    }
    return s;
  }

  private static String upper(String s) {
    String u = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return u.equals("COLOUR") ? "COLOR" : u;
  }
}
