package org.pc2seg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    Run r =
        run("export", "masks", "--project", SHAPES, "--format", "coco", "--out", json.toString());
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("Exported 26 image(s)").contains("annotations");
    JsonObject doc = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    assertThat(doc.getAsJsonArray("images")).hasSize(26);
    assertThat(doc.getAsJsonArray("categories")).hasSize(4);

    Path idx = dir.resolve("idx");
    r =
        run(
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
    assertThat(r.code).as(r.err).isZero();
    try (Stream<Path> s = Files.list(idx)) {
      assertThat(s.count()).isEqualTo(20);
    }
    // again without --overwrite: refused, exit 2, clear message
    r =
        run(
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
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("already exist").contains("--overwrite");
    r =
        run(
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
    assertThat(r.code).as(r.err).isZero();
  }

  @Test
  void badInputGivesClearErrors() {
    Run r =
        run(
            "export",
            "predictions",
            "--project",
            SHAPES,
            "--format",
            "index",
            "--out",
            dir.resolve("p").toString());
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("nothing to export").contains("prediction");
    r = run("export", "masks", "--project", SHAPES, "--format", "tiff", "--out", dir.toString());
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("unknown export format 'tiff'");
    r =
        run(
            "export",
            "masks",
            "--project",
            dir.resolve("nope").toString(),
            "--format",
            "coco",
            "--out",
            dir.toString());
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("no such project folder");
    r =
        run(
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
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("unknown split 'test'");
  }

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = RootCommand.run(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
