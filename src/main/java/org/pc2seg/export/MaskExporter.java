package org.pc2seg.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pc2seg.image.IndexMask;
import org.pc2seg.io.AtomicFiles;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;

/**
 * Exports a project's masks (or predictions) as index PNGs, colour PNGs or one COCO JSON file.
 *
 * <pre>{@code
 * ExportResult r = MaskExporter.builder()
 *     .setSelection(new MaskSelection(project, Source.LABELED, Set.of(), 0))
 *     .setFormat(MaskExporter.Format.INDEX)
 *     .setDestination(Path.of("out"))
 *     .build()
 *     .export(ExportListener.NONE, new CancelToken());
 * }</pre>
 *
 * <p>PNG exports write {@code <destination>/<image name>.png}, named as the image without the
 * folder all the project's images share (see {@link ExportNames}); COCO writes one JSON file (the
 * destination, or {@code annotations.json} inside it when it is a folder). The destination is
 * checked before anything is written; existing files are an error unless {@link
 * Builder#optOverwrite} is set; each file is written atomically. Call off the GUI thread.
 */
public final class MaskExporter {
  /** Output format. */
  public enum Format {
    /** 8-bit palette PNG, value = class id, 255 = unlabeled (Pascal VOC layout). */
    INDEX,
    /** RGBA PNG in class colours, unlabeled transparent. */
    COLOR,
    /** One COCO JSON file with RLE segmentations. */
    COCO;

    /** Parses {@code index}, {@code color} (or {@code colour}) or {@code coco}. */
    public static Format parse(String s) {
      return switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "index" -> INDEX;
        case "color", "colour" -> COLOR;
        case "coco" -> COCO;
        default ->
            throw new IllegalArgumentException(
                "unknown export format '" + s + "' (index, color, coco)");
      };
    }
  }

  /** File name used when a COCO export is given a folder. */
  public static final String COCO_FILE = "annotations.json";

  private final MaskSelection selection;
  private final Format format;
  private final Path destination;
  private final boolean overwrite;
  private final Palettes.Kind palette;
  private final CocoBuilder.Granularity granularity;
  private final CocoBuilder.Counts counts;
  private final FileSink fileWriter;

  private MaskExporter(Builder b) {
    this.selection = b.selection;
    this.format = b.format;
    this.destination = b.destination.toAbsolutePath().normalize();
    this.overwrite = b.overwrite;
    this.palette = b.palette;
    this.granularity = b.granularity;
    this.counts = b.counts;
    this.fileWriter = b.fileWriter;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs the export. */
  public ExportResult export(ExportListener listener, CancelToken cancel) throws IOException {
    Project p = selection.project();
    List<MaskSelection.Entry> entries = selection.entries();
    if (entries.isEmpty()) {
      throw new ExportException(
          "nothing to export: no image of project "
              + p.root()
              + " has "
              + switch (selection.source()) {
                case LABELED -> "a saved mask";
                case PREDICTED -> "a prediction";
                case LABELED_OR_PREDICTED -> "a saved mask or a prediction";
              }
              + " in the chosen splits");
    }
    refuseProjectFolders(p);
    return format == Format.COCO
        ? exportCoco(entries, listener, cancel)
        : exportPngs(entries, listener, cancel);
  }

  private void refuseProjectFolders(Project p) throws ExportException {
    for (Path own : List.of(p.masksDir(), p.predictionsDir(), p.root())) {
      Path dir =
          format == Format.COCO && !Files.isDirectory(destination)
              ? destination.getParent()
              : destination;
      if (dir != null && dir.equals(own.toAbsolutePath().normalize())) {
        throw new ExportException(
            destination, "refusing to export into the project's own folder " + own.getFileName());
      }
    }
  }

  private ExportResult exportPngs(
      List<MaskSelection.Entry> entries, ExportListener listener, CancelToken cancel)
      throws IOException {
    List<Path> targets = new ArrayList<>();
    Map<ImageItem, String> names = ExportNames.of(selection.project().items());
    for (MaskSelection.Entry e : entries) {
      targets.add(destination.resolve(names.get(e.item()) + ".png"));
    }
    Destination.prepareFolder(destination);
    Destination.checkExisting(destination, targets, overwrite);
    int[] table = palette.table(selection.project().classes());
    int[] colors = Palettes.classes(selection.project().classes());
    List<Path> written = new ArrayList<>();
    int fromPred = 0;
    for (int i = 0; i < entries.size(); i++) {
      if (cancel.isCancelled()) {
        return new ExportResult(destination, written.size(), fromPred, written, 0, true);
      }
      MaskSelection.Entry e = entries.get(i);
      IndexMask m = selection.read(e);
      BufferedImage img =
          format == Format.INDEX ? MaskImages.indexed(m, table) : MaskImages.color(m, colors);
      Path target = targets.get(i);
      write(target, out -> MaskImages.writePng(img, out), written.size(), entries.size());
      written.add(target);
      fromPred += e.fromPrediction() ? 1 : 0;
      listener.onProgress(i + 1, entries.size(), e.item().path());
    }
    return new ExportResult(destination, written.size(), fromPred, written, 0, false);
  }

  private ExportResult exportCoco(
      List<MaskSelection.Entry> entries, ExportListener listener, CancelToken cancel)
      throws IOException {
    Path file = Files.isDirectory(destination) ? destination.resolve(COCO_FILE) : destination;
    Destination.prepareFolder(file.getParent());
    Destination.checkExisting(file, List.of(file), overwrite);
    Project p = selection.project();
    CocoBuilder coco = new CocoBuilder(p.classes(), granularity, counts);
    int fromPred = 0;
    for (int i = 0; i < entries.size(); i++) {
      if (cancel.isCancelled()) {
        return new ExportResult(file, 0, 0, List.of(), 0, true);
      }
      MaskSelection.Entry e = entries.get(i);
      IndexMask m = selection.read(e);
      coco.addImage(
          e.item().path(),
          m,
          Map.of(
              "pc2seg_split",
              e.item().split().name().toLowerCase(Locale.ROOT),
              "pc2seg_source",
              e.fromPrediction() ? "prediction" : "mask"));
      fromPred += e.fromPrediction() ? 1 : 0;
      listener.onProgress(i + 1, entries.size(), e.item().path());
    }
    String json = coco.toJson("PC2Seg Studio export of project " + p.name());
    byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    write(file, out -> out.write(bytes), 0, 1);
    return new ExportResult(
        file, entries.size(), fromPred, List.of(file), coco.annotationCount(), false);
  }

  private void write(Path target, AtomicFiles.Writer content, int done, int total)
      throws ExportException {
    try {
      fileWriter.write(target, content);
    } catch (IOException e) {
      throw new ExportException(
          target,
          "cannot write ("
              + Destination.reason(e)
              + "); "
              + done
              + " of "
              + total
              + " file(s) were written before this one, and no partial file was left under"
              + " this name",
          e);
    }
  }

  /** Configures a {@link MaskExporter}. */
  public static final class Builder {
    private MaskSelection selection;
    private Format format;
    private Path destination;
    private boolean overwrite;
    private Palettes.Kind palette = Palettes.Kind.VOC;
    private CocoBuilder.Granularity granularity = CocoBuilder.Granularity.CLASS;
    private CocoBuilder.Counts counts = CocoBuilder.Counts.STRING;
    private FileSink fileWriter = FileSink.ATOMIC;

    private Builder() {}

    /** Which masks to export (required). */
    public Builder setSelection(MaskSelection selection) {
      this.selection = selection;
      return this;
    }

    /** The output format (required). */
    public Builder setFormat(Format format) {
      this.format = format;
      return this;
    }

    /** Output folder (PNG formats) or file or folder (COCO) (required). */
    public Builder setDestination(Path destination) {
      this.destination = destination;
      return this;
    }

    /** Replace existing files instead of failing (default false). */
    public Builder optOverwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /** Colour table of index PNGs (default {@link Palettes.Kind#VOC}). */
    public Builder optPalette(Palettes.Kind palette) {
      this.palette = palette;
      return this;
    }

    /** COCO annotation granularity (default one per class per image). */
    public Builder optGranularity(CocoBuilder.Granularity granularity) {
      this.granularity = granularity;
      return this;
    }

    /** COCO RLE counts form (default the compact string). */
    public Builder optCounts(CocoBuilder.Counts counts) {
      this.counts = counts;
      return this;
    }

    /** Replaces the atomic file writer (tests simulate a full disk with it). */
    Builder optFileWriter(FileSink fileWriter) {
      this.fileWriter = fileWriter;
      return this;
    }

    public MaskExporter build() {
      if (selection == null || format == null || destination == null) {
        throw new IllegalStateException("selection, format and destination are required");
      }
      return new MaskExporter(this);
    }
  }
}
