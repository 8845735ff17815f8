package org.pc2seg.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.image.TestImages;

/** A folder of images that is not a project: what it holds, and making a project beside them. */
class ImageFolderSurveyTest {
  @TempDir Path dir;

  private void images(String... names) throws Exception {
    for (String n : names) {
      TestImages.png(dir.resolve(n), 16, 12);
    }
  }

  @Test
  void countsImagesPerFolderAndSkipsHiddenOnesAndOtherFiles() throws Exception {
    images("a.png", "b.png", "val/c.png", ".thumbs/d.png", ".e.png");
    Files.writeString(dir.resolve("notes.txt"), "not an image");

    ImageFolderSurvey s = ImageFolderSurvey.of(dir);

    assertThat(s.images()).isEqualTo(3);
    assertThat(s.byFolder()).isEqualTo(Map.of("", 2, "val", 1));
    assertThat(s.taken()).isEmpty();
    assertThat(s.canCreateHere()).isTrue();
    assertThat(s.describe()).isEqualTo("3 images: 2 in the folder itself, 1 in val/");
  }

  @Test
  void describesTheLargestFoldersFirstAndAFolderOfItsOwnBriefly() throws Exception {
    images("x/1.png", "y/1.png", "y/2.png", "z/1.png", "w/1.png");
    assertThat(ImageFolderSurvey.of(dir).describe())
        .isEqualTo("5 images: 2 in y/, 1 in w/, 1 in x/, …");
    Path flat = dir.resolve("y");
    assertThat(ImageFolderSurvey.of(flat).describe()).isEqualTo("2 images");
    assertThat(ImageFolderSurvey.of(dir.resolve("w")).describe()).isEqualTo("1 image");
  }

  @Test
  void makesAProjectBesideTheImagesWhichStayWhereTheyAre() throws Exception {
    images("a.png", "val/c.png");
    byte[] before = Files.readAllBytes(dir.resolve("a.png"));

    Project p = ProjectImporter.inImageFolder(dir, ProjectFixtures.CLASSES);

    assertThat(p.root()).isEqualTo(dir);
    assertThat(p.items()).extracting(ImageItem::path).containsExactly("a.png", "val/c.png");
    assertThat(dir.resolve(Project.FILE)).exists();
    assertThat(Files.readAllBytes(dir.resolve("a.png"))).isEqualTo(before);
    Project reopened = ProjectStore.open(dir);
    assertThat(reopened.items()).hasSize(2);
    assertThat(reopened.classes()).hasSize(3);
    assertThat(ImageFolderSurvey.of(dir).canCreateHere())
        .as("a second project cannot be made over the first")
        .isFalse();
  }

  @Test
  void refusesAFolderWhoseMasksFolderAProjectWouldWriteInto() throws Exception {
    images("images/a.png", "masks/a.png");
    ImageFolderSurvey s = ImageFolderSurvey.of(dir);
    assertThat(s.taken()).containsExactly("masks");
    assertThat(s.canCreateHere()).isFalse();

    assertThatThrownBy(() -> ProjectImporter.inImageFolder(dir, ProjectFixtures.CLASSES))
        .isInstanceOf(ProjectException.class)
        .hasMessageContaining("masks")
        .hasMessageContaining("empty folder");
    assertThat(dir.resolve(Project.FILE)).doesNotExist();
  }

  @Test
  void refusesAFolderWithoutImages() throws Exception {
    Files.writeString(dir.resolve("readme.txt"), "hello");
    ImageFolderSurvey s = ImageFolderSurvey.of(dir);
    assertThat(s.images()).isZero();
    assertThat(s.canCreateHere()).isFalse();
    assertThat(s.describe()).isEqualTo("no images");
    assertThatThrownBy(() -> ProjectImporter.inImageFolder(dir, ProjectFixtures.CLASSES))
        .hasMessageContaining("no images");
    assertThat(dir.resolve(Project.FILE)).doesNotExist();
  }

  @Test
  void aNewProjectLeavesOutImagesInHiddenFolders() throws Exception {
    images("a.png", ".cache/b.png");
    Project p =
        ProjectImporter.fromFolder(
            dir, dir.resolve("proj"), "p", ProjectFixtures.CLASSES, Split.TRAIN);
    assertThat(p.items()).extracting(ImageItem::path).containsExactly("../a.png");
  }
}
