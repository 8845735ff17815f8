package org.pc2seg.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.pc2seg.project.ProjectFixtures.H;
import static org.pc2seg.project.ProjectFixtures.W;
import static org.pc2seg.project.ProjectFixtures.item;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pc2seg.image.ImageFormatException;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.image.TestImages;

/**
 * Every kind of bad input of issue 2: a message naming the file and the problem, the rest of the
 * project still opens, nothing already saved is changed.
 */
class ProjectBadInputTest {
  @TempDir Path dir;
  private Path json;

  @BeforeEach
  void setUp() throws Exception {
    ProjectFixtures.fourImages(dir);
    json = dir.resolve("project.json");
  }

  @Test
  void malformedProjectJsonIsRefusedAndLeftAlone() throws Exception {
    ProjectStore.save(ProjectStore.open(dir)); // makes project.json.bak
    Files.writeString(json, "{\n  \"schemaVersion\": 1,\n  \"name\": \"four\",\n  \"classes\": [");
    Map<String, String> before = ProjectFixtures.snapshot(dir);
    assertThatThrownBy(() -> ProjectStore.open(dir))
        .isInstanceOf(ProjectException.class)
        .hasMessageStartingWith(json.toString())
        .hasMessageContaining("malformed JSON")
        .hasMessageContaining("project.json.bak");
    assertThat(ProjectFixtures.snapshot(dir)).isEqualTo(before);
    // The advice in the message works.
    Files.copy(dir.resolve("project.json.bak"), json, StandardCopyOption.REPLACE_EXISTING);
    assertThat(ProjectStore.open(dir).items()).hasSize(4);
  }

  @Test
  void restoringTheBackupKeepsTheDamagedFileAndOpensThePreviousVersion() throws Exception {
    ProjectStore.save(ProjectStore.open(dir)); // makes project.json.bak
    String damaged = "{\n  \"schemaVersion\": 1,\n  \"name\": \"four\",\n  \"classes\": [";
    Files.writeString(json, damaged);
    assertThat(ProjectStore.hasBackup(dir)).isTrue();

    Path kept = ProjectStore.restoreBackup(dir);

    assertThat(kept).isEqualTo(dir.resolve("project.json.damaged")).hasContent(damaged);
    assertThat(ProjectStore.open(dir).items()).hasSize(4);
    Files.writeString(json, damaged); // damaged again: the next copy gets a number
    assertThat(ProjectStore.restoreBackup(dir)).isEqualTo(dir.resolve("project.json.damaged-2"));
  }

  @Test
  void aDamagedBackupIsNotRestoredAndNothingIsTouched() throws Exception {
    ProjectStore.save(ProjectStore.open(dir));
    Files.writeString(json, "{");
    Files.writeString(dir.resolve("project.json.bak"), "[");
    Map<String, String> before = ProjectFixtures.snapshot(dir);
    assertThatThrownBy(() -> ProjectStore.restoreBackup(dir))
        .isInstanceOf(ProjectException.class)
        .hasMessageContaining("project.json.bak");
    assertThat(ProjectFixtures.snapshot(dir)).isEqualTo(before);
    Files.delete(dir.resolve("project.json.bak"));
    assertThat(ProjectStore.hasBackup(dir)).isFalse();
  }

  @Test
  void projectJsonWithWrongTypesIsMalformed() throws Exception {
    Files.writeString(json, "{\"schemaVersion\": 1, \"classes\": \"cat\"}");
    Files.deleteIfExists(dir.resolve("project.json.bak"));
    assertThatThrownBy(() -> ProjectStore.open(dir))
        .hasMessageStartingWith(json.toString())
        .hasMessageContaining("malformed JSON")
        .hasMessageNotContaining(".bak");
  }

  @Test
  void emptyAndClasslessProjectJsonAreRefused() throws Exception {
    Files.writeString(json, "");
    assertThatThrownBy(() -> ProjectStore.open(dir))
        .hasMessageStartingWith(json.toString())
        .hasMessageContaining("empty");
    Files.writeString(json, "{\"schemaVersion\": 1, \"name\": \"x\", \"classes\": []}");
    assertThatThrownBy(() -> ProjectStore.open(dir))
        .hasMessageContaining("class table is missing or empty");
    Files.writeString(json, "{\"name\": \"x\"}");
    assertThatThrownBy(() -> ProjectStore.open(dir)).hasMessageContaining("schemaVersion");
  }

  @Test
  void futureVersionIsRefusedAndLeftAlone() throws Exception {
    String text = Files.readString(json).replace("\"schemaVersion\": 1", "\"schemaVersion\": 99");
    Files.writeString(json, text);
    Map<String, String> before = ProjectFixtures.snapshot(dir);
    assertThatThrownBy(() -> ProjectStore.open(dir))
        .isInstanceOf(ProjectException.class)
        .hasMessageStartingWith(json.toString())
        .hasMessageContaining("newer PC2Seg Studio (schema version 99")
        .hasMessageContaining("update the app");
    assertThat(ProjectFixtures.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void badImageEntriesAreReportedAndTheRestOpens() throws Exception {
    String text = Files.readString(json);
    String entryA = text.substring(text.indexOf("    {\n      \"path\": \"images/a.png\""));
    entryA = entryA.substring(0, entryA.indexOf("}") + 1);
    text =
        text.replace(
                "\"path\": \"images/c.png\",\n      \"width\": 32,\n      \"height\": 24,\n"
                    + "      \"split\": \"train\"",
                "\"path\": \"images/c.png\",\n      \"width\": 32,\n      \"height\": 24,\n"
                    + "      \"split\": \"bogus\"")
            .replace(
                "  \"images\": [\n", "  \"images\": [\n" + entryA + ",\n    {\"width\": 3},\n");
    Files.writeString(json, text);
    Map<String, String> before = ProjectFixtures.snapshot(dir);
    Project p = ProjectStore.open(dir);
    assertThat(p.problems())
        .extracting(Problem::toString)
        .containsExactly(
            json + ": an image entry has no path; skipped",
            json + ": image images/a.png is listed twice (or shares its mask name); skipped",
            json
                + ": image images/c.png has an unknown split 'bogus' (train, val or unlabeled"
                + " expected); treated as unlabeled");
    assertThat(p.items()).hasSize(4);
    assertThat(item(p, "c").split()).isEqualTo(Split.UNLABELED);
    assertThat(p.itemsByStatus(ImageStatus.BROKEN)).isEmpty();
    assertThat(ProjectFixtures.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void missingFolderAndFolderWithoutProjectAreNamed() throws Exception {
    Path none = dir.resolve("nowhere");
    assertThatThrownBy(() -> ProjectStore.open(none))
        .hasMessageStartingWith(none.toString())
        .hasMessageContaining("no such project folder");
    Path images = dir.resolve("images");
    assertThatThrownBy(() -> ProjectStore.open(images))
        .hasMessageStartingWith(images.toString())
        .hasMessageContaining("not a project folder");
  }

  @Test
  void missingImageIsReportedAndTheRestOpens() throws Exception {
    Path b = dir.resolve("images/b.png");
    Files.delete(b);
    Map<String, String> before = ProjectFixtures.snapshot(dir);
    Project p = ProjectStore.open(dir);
    assertThat(p.problems()).hasSize(1);
    assertThat(p.problems().get(0).file()).isEqualTo(b);
    assertThat(p.problems().get(0).toString()).contains(b.toString(), "image file is missing");
    assertRestIsFine(p, "b");
    assertThat(ProjectFixtures.snapshot(dir)).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"zero-byte", "header-truncated", "text", "bomb"})
  void unreadableImageIsReportedAndTheRestOpens(String damage) throws Exception {
    Path b = dir.resolve("images/b.png");
    switch (damage) {
      case "zero-byte" -> Files.write(b, new byte[0]);
      case "header-truncated" -> TestImages.keepBytes(b, 20);
      case "text" -> Files.writeString(b, "not an image at all", StandardCharsets.UTF_8);
      default -> TestImages.pngHeaderClaiming(b, 20000, 20000);
    }
    String expected =
        switch (damage) {
          case "zero-byte" -> "empty (0 bytes)";
          case "header-truncated" -> "unreadable image header";
          case "text" -> "not a supported image";
          default -> "over the limit of 100.0 megapixels";
        };
    Map<String, String> before = ProjectFixtures.snapshot(dir);
    Project p = ProjectStore.open(dir);
    assertThat(p.problems()).hasSize(1);
    assertThat(p.problems().get(0).file()).isEqualTo(b);
    assertThat(p.problems().get(0).message()).contains(expected);
    assertRestIsFine(p, "b");
    assertThat(ProjectFixtures.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void imageTruncatedInItsDataOpensButRefusesToLoadNamingTheFile() throws Exception {
    Path b = dir.resolve("images/b.png");
    TestImages.truncate(b, 0.5);
    Project p = ProjectStore.open(dir);
    assertThat(item(p, "b").status()).isEqualTo(ImageStatus.LABELED);
    assertThatThrownBy(() -> ImageLoader.readRgb(p.imageFile(item(p, "b"))))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageStartingWith(b.toString())
        .hasMessageContaining("corrupt or truncated");
    assertThat(ImageLoader.readRgb(p.imageFile(item(p, "a"))).getWidth()).isEqualTo(W);
  }

  @Test
  void sixteenBitGrayPaletteAndAlphaImagesOpenAndConvert() throws Exception {
    int[] gray = new int[W * H];
    TestImages.write(TestImages.gray16(W, H, 0, 0x8080, 0xffff), "png", png("a"));
    TestImages.write(TestImages.gray8(W, H, 10, 20), "png", png("b"));
    TestImages.write(TestImages.palette(W, H, 0xff112233, 0xff445566), "png", png("c"));
    TestImages.write(TestImages.grayAlpha(W, H, 100, 255), "png", png("d"));
    Project p = ProjectStore.open(dir);
    assertThat(p.problems()).isEmpty();
    assertThat(p.itemsByStatus(ImageStatus.BROKEN)).isEmpty();
    assertThat(ImageLoader.readRgb(png("a")).getRGB(1, 0) & 0xffffff).isEqualTo(0x808080);
    assertThat(ImageLoader.readRgb(png("b")).getRGB(1, 0) & 0xffffff).isEqualTo(0x141414);
    assertThat(ImageLoader.readRgb(png("c")).getRGB(1, 0) & 0xffffff).isEqualTo(0x445566);
    assertThat(ImageLoader.readRgb(png("d")).getRGB(1, 0) & 0xffffff).isEqualTo(0x646464);
    assertThat(gray).hasSize(W * H);
  }

  @Test
  void maskOfTheWrongSizeIsReportedAndNotOverwritten() throws Exception {
    Path maskA = dir.resolve("masks/images__a.png");
    MaskCodec.write(TestImages.filledMask(10, 10, 1), maskA);
    Map<String, String> before = ProjectFixtures.snapshot(dir);
    Project p = ProjectStore.open(dir);
    assertThat(p.problems()).hasSize(1);
    assertThat(p.problems().get(0).file()).isEqualTo(maskA);
    assertThat(p.problems().get(0).message())
        .isEqualTo("mask is 10x10 but its image images/a.png is 32x24");
    assertRestIsFine(p, "a");
    assertThatThrownBy(() -> MaskStore.read(p, item(p, "a")))
        .hasMessageStartingWith(maskA.toString());
    assertThatThrownBy(() -> MaskStore.write(p, item(p, "c"), TestImages.filledMask(5, 5, 0)))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("masks/images__c.png")
        .hasMessageContaining("mask is 5x5");
    assertThat(ProjectFixtures.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void maskWithValuesThatAreNoClassIsReportedAndNotOverwritten() throws Exception {
    Path maskB = dir.resolve("masks/images__b.png");
    IndexMask bad = TestImages.filledMask(W, H, 1);
    bad.set(5, 7, 9);
    MaskCodec.write(bad, maskB);
    Map<String, String> before = ProjectFixtures.snapshot(dir);
    Project p = ProjectStore.open(dir);
    assertThat(p.problems()).hasSize(1);
    assertThat(p.problems().get(0).toString())
        .isEqualTo(maskB + ": mask value 9 at (5, 7) is neither a class id nor 255");
    assertRestIsFine(p, "b");
    assertThatThrownBy(() -> MaskStore.write(p, item(p, "a"), bad))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("masks/images__a.png")
        .hasMessageContaining("mask value 9");
    assertThat(ProjectFixtures.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void imageWhoseSizeChangedIsCorrectedAndItsOldMaskFlagged() throws Exception {
    TestImages.png(png("a"), 40, 40);
    Project p = ProjectStore.open(dir);
    assertThat(p.problems())
        .extracting(Problem::message)
        .containsExactly(
            "image is 40x40 but the project recorded 32x24; using the image's size",
            "mask is 32x24 but its image images/a.png is 40x40");
    assertThat(item(p, "a").width()).isEqualTo(40);
    assertThat(item(p, "a").status()).isEqualTo(ImageStatus.BROKEN);
  }

  @Test
  void readOnlyFolderRefusesToSaveWithoutChangingAnything() throws Exception {
    // Injected check: works even as root, where permissions do not stop writes.
    Project p = ProjectStore.open(dir);
    Map<String, String> before = ProjectFixtures.snapshot(dir);
    Predicate<Path> real = ProjectStore.folderWritable;
    ProjectStore.folderWritable = d -> false;
    try {
      p.setName("renamed");
      assertThatThrownBy(() -> ProjectStore.save(p))
          .isInstanceOf(ProjectException.class)
          .hasMessageStartingWith(json.toString())
          .hasMessageContaining("is read-only; nothing was saved");
      assertThatThrownBy(() -> MaskStore.write(p, item(p, "c"), TestImages.filledMask(W, H, 0)))
          .isInstanceOf(ProjectException.class)
          .hasMessageContaining("masks/images__c.png")
          .hasMessageContaining("read-only");
      assertThatThrownBy(() -> ClassTable.remove(p, 1, java.util.Optional.empty()))
          .hasMessageContaining("read-only");
      Project browsed = ProjectStore.open(dir); // still opens and can be browsed
      assertThat(browsed.problems()).isEmpty();
      assertThat(browsed.itemsByStatus(ImageStatus.LABELED)).hasSize(3);
    } finally {
      ProjectStore.folderWritable = real;
    }
    assertThat(item(p, "c").status()).isEqualTo(ImageStatus.UNLABELED);
    assertThat(ProjectFixtures.snapshot(dir)).isEqualTo(before);
    assertThat(ProjectStore.open(dir).name()).isEqualTo("four");
  }

  @Test
  void readOnlyFolderByPermissions() throws Exception {
    assumeThat(ProjectFixtures.permissionsAreEnforced(dir))
        .as("running as root: file permissions do not stop writes (see the injected test)")
        .isTrue();
    Project p = ProjectStore.open(dir);
    Map<String, String> before = ProjectFixtures.snapshot(dir);
    dir.resolve("masks").toFile().setWritable(false, false);
    dir.toFile().setWritable(false, false);
    try {
      p.setName("renamed");
      assertThatThrownBy(() -> ProjectStore.save(p))
          .hasMessageStartingWith(json.toString())
          .hasMessageContaining("read-only");
      assertThatThrownBy(() -> MaskStore.write(p, item(p, "c"), TestImages.filledMask(W, H, 0)))
          .hasMessageContaining("read-only");
    } finally {
      dir.toFile().setWritable(true, true);
      dir.resolve("masks").toFile().setWritable(true, true);
    }
    assertThat(ProjectFixtures.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void staleTemporaryFilesOfAKilledWriterAreRemovedOnOpen() throws Exception {
    Path stale = Files.writeString(dir.resolve("masks/.images__a.png.00000000000000aa.tmp"), "x");
    Path fresh = Files.writeString(dir.resolve(".project.json.00000000000000bb.tmp"), "y");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    ProjectStore.open(dir);
    assertThat(stale).doesNotExist();
    assertThat(fresh).exists();
  }

  private Path png(String name) {
    return dir.resolve("images/" + name + ".png");
  }

  /** The other images kept their status; only {@code broken} is BROKEN. */
  private static void assertRestIsFine(Project p, String broken) {
    assertThat(p.items()).hasSize(4);
    assertThat(p.itemsByStatus(ImageStatus.BROKEN)).containsExactly(item(p, broken));
    Map<String, ImageStatus> expected =
        Map.of(
            "a", ImageStatus.LABELED,
            "b", ImageStatus.LABELED,
            "c", ImageStatus.UNLABELED,
            "d", ImageStatus.LABELED);
    expected.forEach(
        (n, st) -> {
          if (!n.equals(broken)) {
            assertThat(item(p, n).status()).as(n).isEqualTo(st);
          }
        });
    assertThat(p.labeledValItems()).hasSize(broken.equals("d") ? 0 : 1);
  }
}
