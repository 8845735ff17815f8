package org.pc2seg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export masks|predictions}, run in-process on the bundled sample project (read only). */
class ExportCommandTest {
  private static final String SHAPES = Path.of("sample-projects", "shapes").toString();

  @TempDir Path dir;

  @Test
  void exportsMasksAsCocoAndIndexPngs() throws Exception {
    Path json = dir.resolve("coco.json");
    CliRun r =
        CliRun.run(
            "export", "masks", "--project", SHAPES, "--format", "coco", "--out", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Exported 26 image(s)").contains("annotations");
    JsonObject doc = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    assertThat(doc.getAsJsonArray("images")).hasSize(26);
    assertThat(doc.getAsJsonArray("categories")).hasSize(4);

    Path idx = dir.resolve("idx");
    r =
        CliRun.run(
            "export",
            "masks",
            "--project",
            SHAPES,
            "--format",
            "index",
            "--split",
            "val",
            "--out",
            idx.toString());
    assertThat(r.code()).as(r.err()).isZero();
    try (Stream<Path> s = Files.list(idx)) {
      assertThat(s.count()).isEqualTo(20);
    }
    // again without --overwrite: refused, exit 2, clear message
    r =
        CliRun.run(
            "export",
            "masks",
            "--project",
            SHAPES,
            "--format",
            "index",
            "--split",
            "val",
            "--out",
            idx.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("already exist").contains("--overwrite");
    r =
        CliRun.run(
            "export",
            "masks",
            "--project",
            SHAPES,
            "--format",
            "color",
            "--split",
            "val",
            "--out",
            idx.toString(),
            "--overwrite");
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void badInputGivesClearErrors() {
    CliRun r =
        CliRun.run(
            "export",
            "predictions",
            "--project",
            SHAPES,
            "--format",
            "index",
            "--out",
            dir.resolve("p").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("nothing to export").contains("prediction");
    r =
        CliRun.run(
            "export", "masks", "--project", SHAPES, "--format", "tiff", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown export format 'tiff'");
    r =
        CliRun.run(
            "export",
            "masks",
            "--project",
            dir.resolve("nope").toString(),
            "--format",
            "coco",
            "--out",
            dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no such project folder");
    r =
        CliRun.run(
            "export",
            "masks",
            "--project",
            SHAPES,
            "--format",
            "index",
            "--split",
            "test",
            "--out",
            dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown split 'test'");
  }
}
