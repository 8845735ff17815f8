package org.pc2seg.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.MaskStore;
import org.pc2seg.project.Project;
import org.pc2seg.project.Split;

class MaskExporterTest {
  @TempDir Path tmp;
  Project project;

  @BeforeEach
  void setUp() throws IOException {
    project = TestProjects.copySample(tmp.resolve("proj"));
    // make one mask partly unlabeled so that 255 must survive the export
    ImageItem first = project.labeledTrainItems().get(0);
    IndexMask m = MaskStore.read(project, first).orElseThrow();
    for (int x = 0; x < 30; x++) {
      m.set(x, 0, 255);
    }
    MaskStore.write(project, first, m);
  }

  private MaskExporter.Builder exporter(
      MaskSelection.Source source, MaskExporter.Format f, Path out) {
    return MaskExporter.builder()
        .setSelection(new MaskSelection(project, source, Set.of(), 0))
        .setFormat(f)
        .setDestination(out);
  }

  private ExportResult run(MaskExporter.Builder b) throws IOException {
    return b.build().export(ExportListener.NONE, new CancelToken());
  }

  @Test
  void indexPngsArePaletteImagesHoldingTheClassIds() throws IOException {
    Path out = tmp.resolve("index");
    List<Integer> progress = new ArrayList<>();
    ExportResult r =
        exporter(MaskSelection.Source.LABELED, MaskExporter.Format.INDEX, out)
            .build()
            .export((d, t, i) -> progress.add(d), new CancelToken());
    assertThat(r.images()).isEqualTo(26); // 6 train + 20 val masks
    assertThat(progress).hasSize(26).endsWith(26);
    int[] voc = Palettes.voc();
    assertThat(voc[0]).isEqualTo(0x000000);
    assertThat(voc[1]).isEqualTo(0x800000);
    assertThat(voc[2]).isEqualTo(0x008000);
    assertThat(voc[255]).isEqualTo(0xE0E0C0);
    for (ImageItem item : project.items()) {
      Path f = out.resolve(exportedName(item));
      if (item.split() == Split.UNLABELED) {
        assertThat(f).doesNotExist();
        continue;
      }
      BufferedImage img = ImageIO.read(f.toFile());
      assertThat(img.getColorModel()).isInstanceOf(IndexColorModel.class);
      IndexColorModel cm = (IndexColorModel) img.getColorModel();
      assertThat(cm.getMapSize()).isEqualTo(256);
      assertThat(cm.getRGB(255) & 0xFFFFFF).isEqualTo(0xE0E0C0);
      assertThat(cm.getRGB(1) & 0xFFFFFF).isEqualTo(0x800000);
      assertThat(MaskCodec.read(f)).isEqualTo(MaskStore.read(project, item).orElseThrow());
    }
    assertThat(
            MaskCodec.read(out.resolve(exportedName(project.labeledTrainItems().get(0)))).get(3, 0))
        .isEqualTo(255);
  }

  @Test
  void colorPngsUseClassColoursAndTransparentUnlabeled() throws IOException {
    Path out = tmp.resolve("color");
    run(exporter(MaskSelection.Source.LABELED, MaskExporter.Format.COLOR, out));
    ImageItem item = project.labeledTrainItems().get(0);
    IndexMask m = MaskStore.read(project, item).orElseThrow();
    BufferedImage img = ImageIO.read(out.resolve(exportedName(item)).toFile());
    Map<Integer, Integer> colorOf = new HashMap<>();
    project.classes().forEach(c -> colorOf.put(c.id(), 0xFF000000 | c.rgb()));
    for (int y = 0; y < m.height(); y++) {
      for (int x = 0; x < m.width(); x++) {
        int v = m.get(x, y);
        int argb = img.getRGB(x, y);
        if (v == 255) {
          assertThat(argb >>> 24).isZero();
        } else {
          assertThat(argb).isEqualTo(colorOf.get(v));
        }
      }
    }
  }

  @Test
  void cocoFollowsTheFormatRules() throws IOException {
    // one per class with compact string counts, one per region with plain counts
    Object[][] cases = {
      {CocoBuilder.Granularity.CLASS, CocoBuilder.Counts.STRING},
      {CocoBuilder.Granularity.REGION, CocoBuilder.Counts.LIST}
    };
    for (Object[] c : cases) {
      CocoBuilder.Granularity g = (CocoBuilder.Granularity) c[0];
      Path out = tmp.resolve("coco-" + g + ".json");
      ExportResult r =
          run(
              exporter(MaskSelection.Source.LABELED, MaskExporter.Format.COCO, out)
                  .optGranularity(g)
                  .optCounts((CocoBuilder.Counts) c[1]));
      assertThat(r.files()).containsExactly(out);
      assertThat(r.annotations()).isPositive();
      checkCoco(out, g);
    }
  }

  /** Checks a COCO file against its own rules and against the project's masks. */
  private void checkCoco(Path file, CocoBuilder.Granularity g) throws IOException {
    JsonObject doc = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    JsonArray cats = doc.getAsJsonArray("categories");
    assertThat(cats).hasSize(4);
    assertThat(cats.get(1).getAsJsonObject().get("name").getAsString()).isEqualTo("stripes");
    Map<Integer, JsonObject> images = new HashMap<>();
    for (JsonElement e : doc.getAsJsonArray("images")) {
      images.put(e.getAsJsonObject().get("id").getAsInt(), e.getAsJsonObject());
    }
    assertThat(images).hasSize(26);
    Map<Integer, byte[]> rebuilt = new HashMap<>();
    for (JsonElement e : doc.getAsJsonArray("annotations")) {
      JsonObject a = e.getAsJsonObject();
      JsonObject img = images.get(a.get("image_id").getAsInt());
      int w = img.get("width").getAsInt();
      int h = img.get("height").getAsInt();
      JsonObject seg = a.getAsJsonObject("segmentation");
      assertThat(seg.getAsJsonArray("size").get(0).getAsInt()).isEqualTo(h);
      assertThat(seg.getAsJsonArray("size").get(1).getAsInt()).isEqualTo(w);
      CocoRle rle;
      if (seg.get("counts").isJsonPrimitive()) {
        rle = CocoRle.fromString(seg.get("counts").getAsString(), h, w);
      } else {
        JsonArray arr = seg.getAsJsonArray("counts");
        long[] counts = new long[arr.size()];
        for (int i = 0; i < counts.length; i++) {
          counts[i] = arr.get(i).getAsLong();
        }
        rle = new CocoRle(h, w, counts); // constructor checks sum == h*w
      }
      boolean[] bits = rle.decode();
      long area = 0;
      int minX = w;
      int minY = h;
      int maxX = -1;
      int maxY = -1;
      byte[] canvas =
          rebuilt.computeIfAbsent(
              a.get("image_id").getAsInt(),
              k -> {
                byte[] b = new byte[w * h];
                java.util.Arrays.fill(b, (byte) 255);
                return b;
              });
      for (int i = 0; i < bits.length; i++) {
        if (bits[i]) {
          if ((canvas[i] & 0xFF) != 255) {
            throw new AssertionError("annotations overlap at pixel " + i);
          }
          canvas[i] = (byte) a.get("category_id").getAsInt();
          area++;
          minX = Math.min(minX, i % w);
          maxX = Math.max(maxX, i % w);
          minY = Math.min(minY, i / w);
          maxY = Math.max(maxY, i / w);
        }
      }
      assertThat(area).isPositive();
      assertThat(a.get("area").getAsLong()).isEqualTo(area);
      JsonArray bbox = a.getAsJsonArray("bbox");
      assertThat(bbox.get(0).getAsDouble()).isEqualTo(minX);
      assertThat(bbox.get(1).getAsDouble()).isEqualTo(minY);
      assertThat(bbox.get(2).getAsDouble()).isEqualTo(maxX - minX + 1);
      assertThat(bbox.get(3).getAsDouble()).isEqualTo(maxY - minY + 1);
      assertThat(a.get("iscrowd").getAsInt()).isZero();
      if (g == CocoBuilder.Granularity.REGION) {
        assertThat(Regions.of(new IndexMask(w, h, bitsToMask(bits))).count()).isEqualTo(1);
      }
    }
    for (JsonObject img : images.values()) {
      ImageItem item = project.item(img.get("file_name").getAsString()).orElseThrow();
      IndexMask expected = MaskStore.read(project, item).orElseThrow();
      assertThat(rebuilt.get(img.get("id").getAsInt())).isEqualTo(expected.data());
    }
  }

  private static byte[] bitsToMask(boolean[] bits) {
    byte[] b = new byte[bits.length];
    for (int i = 0; i < bits.length; i++) {
      b[i] = (byte) (bits[i] ? 1 : 255);
    }
    return b;
  }

  @Test
  void predictionsAreThresholdedOnConfidenceAndMaskedImagesPreferred() throws IOException {
    ImageItem pool = project.itemsBySplit(Split.UNLABELED).get(0);
    ImageItem labeled = project.labeledTrainItems().get(1);
    TestProjects.writePrediction(project, pool);
    TestProjects.writePrediction(project, labeled);
    Path out = tmp.resolve("pred");
    ExportResult r =
        run(
            MaskExporter.builder()
                .setSelection(
                    new MaskSelection(project, MaskSelection.Source.PREDICTED, Set.of(), 0.5))
                .setFormat(MaskExporter.Format.INDEX)
                .setDestination(out));
    assertThat(r.images()).isEqualTo(2);
    assertThat(r.fromPredictions()).isEqualTo(2);
    IndexMask exported = MaskCodec.read(out.resolve(exportedName(pool)));
    IndexMask gt = TestProjects.groundTruth(project, pool);
    for (int x = 0; x < gt.width(); x++) {
      boolean confident = x * 255 / (gt.width() - 1) >= 128;
      assertThat(exported.get(x, 5)).isEqualTo(confident ? gt.get(x, 5) : 255);
    }
    ExportResult all =
        run(
            exporter(
                MaskSelection.Source.LABELED_OR_PREDICTED,
                MaskExporter.Format.INDEX,
                tmp.resolve("all")));
    assertThat(all.images()).isEqualTo(27);
    assertThat(all.fromPredictions()).isEqualTo(1);
    assertThat(MaskCodec.read(tmp.resolve("all").resolve(exportedName(labeled))))
        .isEqualTo(MaskStore.read(project, labeled).orElseThrow());
  }

  @Test
  void existingFilesAreRefusedUnlessOverwriting() throws IOException {
    Path out = tmp.resolve("dest");
    Files.createDirectories(out);
    ImageItem item = project.labeledValItems().get(3);
    Path clash = out.resolve(exportedName(item));
    Files.writeString(clash, "keep me");
    assertThatThrownBy(
            () -> run(exporter(MaskSelection.Source.LABELED, MaskExporter.Format.INDEX, out)))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("already exist")
        .hasMessageContaining(clash.getFileName().toString())
        .hasMessageContaining("--overwrite");
    assertThat(Files.readString(clash)).isEqualTo("keep me");
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.count()).as("nothing written").isEqualTo(1);
    }
    run(exporter(MaskSelection.Source.LABELED, MaskExporter.Format.INDEX, out).optOverwrite(true));
    assertThat(MaskCodec.read(clash)).isEqualTo(MaskStore.read(project, item).orElseThrow());

    Path json = tmp.resolve("a.json");
    Files.writeString(json, "{}");
    assertThatThrownBy(
            () -> run(exporter(MaskSelection.Source.LABELED, MaskExporter.Format.COCO, json)))
        .hasMessageContaining("already exist");
    assertThat(Files.readString(json)).isEqualTo("{}");
  }

  @Test
  void aFullDiskLeavesNoHalfWrittenFileUnderTheFinalName() throws IOException {
    Path out = tmp.resolve("full");
    int[] calls = {0};
    FileSink failing =
        (target, content) ->
            FileSink.ATOMIC.write(
                target,
                o -> {
                  if (++calls[0] == 3) {
                    o.write(new byte[100]);
                    o.flush();
                    throw new IOException("No space left on device");
                  }
                  content.write(o);
                });
    assertThatThrownBy(
            () ->
                run(
                    exporter(MaskSelection.Source.LABELED, MaskExporter.Format.INDEX, out)
                        .optFileWriter(failing)))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("No space left on device")
        .hasMessageContaining("2 of 26");
    try (Stream<Path> s = Files.list(out)) {
      List<Path> left = s.toList();
      assertThat(left).hasSize(2);
      for (Path f : left) {
        assertThat(f.getFileName().toString()).endsWith(".png").doesNotStartWith(".");
        assertThat(MaskCodec.read(f).width()).isEqualTo(160);
      }
    }
  }

  @Test
  void unusableDestinationsGiveClearErrors() throws IOException {
    Path file = tmp.resolve("plain-file");
    Files.writeString(file, "x");
    assertThatThrownBy(
            () -> run(exporter(MaskSelection.Source.LABELED, MaskExporter.Format.INDEX, file)))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("not a folder");
    Path under = file.resolve("sub");
    assertThatThrownBy(
            () -> run(exporter(MaskSelection.Source.LABELED, MaskExporter.Format.INDEX, under)))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("cannot create the folder");
    assertThatThrownBy(
            () ->
                run(
                    exporter(
                        MaskSelection.Source.LABELED,
                        MaskExporter.Format.INDEX,
                        project.masksDir())))
        .hasMessageContaining("refusing");
    assertThatThrownBy(
            () ->
                run(
                    exporter(
                        MaskSelection.Source.PREDICTED,
                        MaskExporter.Format.INDEX,
                        tmp.resolve("n"))))
        .hasMessageContaining("nothing to export");
  }

  @Test
  void readOnlyFolderIsReported() throws IOException {
    Path ro = tmp.resolve("ro");
    Files.createDirectories(ro);
    ro.toFile().setWritable(false, false);
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(
          Files.isWritable(ro), "running as root: permissions are not enforced");
      assertThatThrownBy(
              () -> run(exporter(MaskSelection.Source.LABELED, MaskExporter.Format.INDEX, ro)))
          .isInstanceOf(ExportException.class)
          .hasMessageContaining("not writable");
    } finally {
      ro.toFile().setWritable(true, false);
    }
  }

  @Test
  void cancellingStopsBetweenFiles() throws IOException {
    CancelToken cancel = new CancelToken();
    ExportResult r =
        exporter(MaskSelection.Source.LABELED, MaskExporter.Format.INDEX, tmp.resolve("c"))
            .build()
            .export(
                (d, t, i) -> {
                  if (d == 5) {
                    cancel.cancel();
                  }
                },
                cancel);
    assertThat(r.cancelled()).isTrue();
    assertThat(r.files()).hasSize(5);
  }

  /**
   * What an export names an image's mask: its file name without the extension (all the test
   * project's images share one folder, which the name leaves out).
   */
  private static String exportedName(ImageItem item) {
    String f = item.fileName();
    return f.substring(0, f.lastIndexOf('.')) + ".png";
  }
}
