package org.pc2seg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.image.TestImages;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import org.pc2seg.project.Split;

/** {@code add-images}: the command-line form of File → Add images…. */
class AddImagesCommandTest {
  @TempDir Path dir;

  @Test
  void addsFilesAndFoldersToThePoolSavesAndListsWhatItSkipped() throws Exception {
    Path project = dir.resolve("shapes");
    CliRun made = CliRun.run("sample", "--out", project.toString(), "--seed", "3");
    assertThat(made.code()).isZero();
    int before = ProjectStore.open(project).items().size();
    Path photos = dir.resolve("photos");
    TestImages.png(photos.resolve("a.png"), 40, 30);
    TestImages.png(photos.resolve("sub/b.png"), 40, 30);
    Path text = Files.writeString(dir.resolve("notes.txt"), "not an image");

    CliRun r = CliRun.run("add-images", project.toString(), photos.toString(), text.toString());

    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("Added 2 images; 1 skipped: notes.txt: not an image file");
    assertThat(r.err()).contains("skipped", "notes.txt");
    Project p = ProjectStore.open(project);
    assertThat(p.items()).hasSize(before + 2);
    assertThat(p.item("../photos/sub/b.png").orElseThrow().split()).isEqualTo(Split.UNLABELED);
    assertThat(p.item("../photos/a.png").orElseThrow().status()).isEqualTo(ImageStatus.UNLABELED);

    CliRun again = CliRun.run("add-images", project.toString(), photos.toString());
    assertThat(again.code()).isZero();
    assertThat(again.out()).isEqualTo("No images added; 2 were in the project already." + nl());
    assertThat(CliRun.run("add-images", project.toString(), text.toString()).code())
        .as("nothing added, something skipped")
        .isEqualTo(1);
    assertThat(CliRun.run("add-images", dir.resolve("nope").toString(), photos.toString()).code())
        .isEqualTo(2);
  }

  private static String nl() {
    return System.lineSeparator();
  }
}
