package org.pc2seg.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the bundled sample, and editing a user copy of it, never the bundled files. */
class SampleProjectsTest {
  @TempDir Path dir;

  @Test
  void bundledSampleIsFound() {
    assertThat(SampleProjects.defaultProject()).isPresent();
    assertThat(SampleProjects.defaultProject().orElseThrow().resolve("project.json")).exists();
  }

  @Test
  void sampleIsCopiedOnceToTheUserDataFolderAndNeverEditedInPlace() throws Exception {
    Path sample = dir.resolve("installed/four");
    ProjectFixtures.fourImages(sample);
    // The images live inside the sample folder, so the copy is self-contained.
    Path data = dir.resolve("data");
    String old = System.getProperty("pc2seg.data.dir");
    System.setProperty("pc2seg.data.dir", data.toString());
    try {
      Path copy = SampleProjects.userCopy(sample);
      assertThat(copy).isEqualTo(data.resolve("samples/four"));
      Project p = ProjectStore.open(copy);
      assertThat(p.problems()).isEmpty();
      assertThat(p.itemsByStatus(ImageStatus.LABELED)).hasSize(3);
      p.setName("edited");
      ProjectStore.save(p);
      // A second call reuses the copy (and keeps the edits).
      assertThat(SampleProjects.userCopy(sample)).isEqualTo(copy);
      assertThat(ProjectStore.open(copy).name()).isEqualTo("edited");
      assertThat(ProjectStore.open(sample).name()).isEqualTo("four");
    } finally {
      if (old == null) {
        System.clearProperty("pc2seg.data.dir");
      } else {
        System.setProperty("pc2seg.data.dir", old);
      }
    }
  }
}
