package org.pc2seg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code info}, {@code --help} and {@code --version}, run in-process. */
class InfoCommandTest {
  private static final Path SHAPES = Path.of("sample-projects", "shapes");

  @TempDir Path dir;

  @Test
  void infoPrintsCountsBySplitAndStatusAndTheClasses() {
    CliRun r = CliRun.run("info", SHAPES.toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("Project shapes", "Images: 120", "Classes: 4", "Active model: (none)");
    assertThat(r.out()).containsPattern("train\\s+0\\s+6\\s+0\\s+0\\s+6");
    assertThat(r.out()).containsPattern("val\\s+0\\s+20\\s+0\\s+0\\s+20");
    assertThat(r.out()).containsPattern("unlabeled\\s+94\\s+0\\s+0\\s+0\\s+94");
    assertThat(r.out()).containsPattern("1\\s+stripes\\s+#e6194b");
    assertThat(r.out()).doesNotContain("Problems");
  }

  @Test
  void infoJsonParsesAndHasTheCounts() {
    CliRun r = CliRun.run("info", "--json", SHAPES.toString());
    assertThat(r.code()).isZero();
    JsonObject o = new Gson().fromJson(r.out(), JsonObject.class);
    assertThat(o.get("name").getAsString()).isEqualTo("shapes");
    assertThat(o.get("images").getAsInt()).isEqualTo(120);
    JsonObject bySplit = o.getAsJsonObject("by_split");
    assertThat(bySplit.get("train").getAsInt()).isEqualTo(6);
    assertThat(bySplit.get("val").getAsInt()).isEqualTo(20);
    assertThat(bySplit.get("unlabeled").getAsInt()).isEqualTo(94);
    JsonObject byStatus = o.getAsJsonObject("by_status");
    assertThat(byStatus.get("labeled").getAsInt()).isEqualTo(26);
    assertThat(byStatus.get("unlabeled").getAsInt()).isEqualTo(94);
    assertThat(byStatus.get("broken").getAsInt()).isZero();
    assertThat(
            o.getAsJsonObject("by_split_and_status")
                .getAsJsonObject("train")
                .get("labeled")
                .getAsInt())
        .isEqualTo(6);
    JsonArray classes = o.getAsJsonArray("classes");
    assertThat(classes).hasSize(4);
    assertThat(new ArrayList<>(classes.get(2).getAsJsonObject().keySet()))
        .containsExactly("id", "name", "color");
    assertThat(classes.get(2).getAsJsonObject().get("name").getAsString()).isEqualTo("checker");
    assertThat(o.has("active_model")).isTrue();
    assertThat(o.get("active_model").isJsonNull()).isTrue();
    assertThat(o.getAsJsonArray("problems")).isEmpty();
    assertThat(new ArrayList<>(o.keySet()))
        .containsExactly(
            "name",
            "root",
            "images",
            "by_split",
            "by_status",
            "by_split_and_status",
            "classes",
            "active_model",
            "problems");
  }

  @Test
  void infoOnAProjectWithABrokenImageListsTheProblemAndStillSucceeds() throws Exception {
    Path proj = copyOfShapesSubset();
    Files.delete(proj.resolve("images/img_001.jpg"));
    CliRun text = CliRun.run("info", proj.toString());
    assertThat(text.code()).isZero();
    assertThat(text.out()).contains("Problems: 1", "img_001.jpg: image file is missing");
    CliRun json = CliRun.run("info", "--json", proj.toString());
    JsonObject o = new Gson().fromJson(json.out(), JsonObject.class);
    assertThat(o.getAsJsonObject("by_status").get("broken").getAsInt()).isEqualTo(1);
    assertThat(o.getAsJsonArray("problems").get(0).getAsString()).contains("img_001.jpg");
  }

  @Test
  void badProjectGivesNonZeroExitAndAClearMessage() throws Exception {
    Path proj = copyOfShapesSubset();
    Path json = proj.resolve("project.json");
    Files.writeString(json, "{ \"schemaVersion\": 1, \"name\": ");
    CliRun r = CliRun.run("info", proj.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: " + json).contains("malformed JSON");

    Files.writeString(json, "{ \"schemaVersion\": 7, \"classes\": [] }");
    CliRun future = CliRun.run("info", "--json", proj.toString());
    assertThat(future.code()).isEqualTo(2);
    assertThat(future.err()).contains(json.toString(), "schema version 7");

    Path none = dir.resolve("missing");
    CliRun missing = CliRun.run("info", none.toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains(none.toString(), "no such project folder");

    CliRun noArg = CliRun.run("info");
    assertThat(noArg.code()).isEqualTo(2);
    assertThat(noArg.err()).contains("Missing required parameter: 'PROJECT'");
  }

  @Test
  void helpAndVersionWork() {
    CliRun help = CliRun.run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Usage: pc2seg-studio", "info", "sample");
    CliRun infoHelp = CliRun.run("info", "--help");
    assertThat(infoHelp.code()).isZero();
    assertThat(infoHelp.out()).contains("--json", "PROJECT");
    CliRun version = CliRun.run("--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("PC2Seg Studio " + VersionProvider.version());
    assertThat(VersionProvider.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    CliRun infoVersion = CliRun.run("info", "--version");
    assertThat(infoVersion.code()).isZero();
    assertThat(infoVersion.out()).startsWith("PC2Seg Studio " + VersionProvider.version());
    CliRun unknown = CliRun.run("frobnicate");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("frobnicate");
  }

  /** A project with 2 of the sample's images (copied, so the sample is never touched). */
  private Path copyOfShapesSubset() throws Exception {
    Path proj = dir.resolve("proj");
    Files.createDirectories(proj.resolve("images"));
    Files.createDirectories(proj.resolve("masks"));
    for (String n : List.of("img_000", "img_001")) {
      Files.copy(SHAPES.resolve("images/" + n + ".jpg"), proj.resolve("images/" + n + ".jpg"));
      Files.copy(
          SHAPES.resolve("masks/images__" + n + ".png"),
          proj.resolve("masks/images__" + n + ".png"));
    }
    String json =
        Files.readString(SHAPES.resolve("project.json"))
            .replaceAll("(?s)(\"images\": \\[.*?img_001\\.jpg.*?\\}).*", "$1\n  ]\n}\n");
    Files.writeString(proj.resolve("project.json"), json);
    return proj;
  }
}
