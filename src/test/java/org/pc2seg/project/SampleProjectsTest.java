package org.pc2seg.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the bundled sample, and editing it when it is installed read-only. */
class SampleProjectsTest {
  @TempDir Path dir;

  @Test
  void bundledSampleIsFound() {
    assertThat(SampleProjects.defaultProject()).isPresent();
    assertThat(SampleProjects.defaultProject().orElseThrow().resolve("project.json")).exists();
  }

  @Test
  void writableSampleIsUsedInPlace() throws Exception {
    Path sample = ProjectFixtures.fourImages(dir.resolve("sample")).root();
    assertThat(SampleProjects.writable(sample)).isEqualTo(sample);
  }

  @Test
  void readOnlySampleIsCopiedOnceToTheUserDataFolder() throws Exception {
    Path sample = dir.resolve("installed/four");
    ProjectFixtures.fourImages(sample);
    // The images live inside the sample folder, so the copy is self-contained.
    Path data = dir.resolve("data");
    Predicate<Path> real = ProjectStore.folderWritable;
    String old = System.getProperty("pc2seg.data.dir");
    System.setProperty("pc2seg.data.dir", data.toString());
    ProjectStore.folderWritable = d -> !d.startsWith(sample);
    try {
      Path copy = SampleProjects.writable(sample);
      assertThat(copy).isEqualTo(data.resolve("samples/four"));
      Project p = ProjectStore.open(copy);
      assertThat(p.problems()).isEmpty();
      assertThat(p.itemsByStatus(ImageStatus.LABELED)).hasSize(3);
      p.setName("edited");
      ProjectStore.save(p);
      // A second call reuses the copy (and keeps the edits).
      assertThat(SampleProjects.writable(sample)).isEqualTo(copy);
      assertThat(ProjectStore.open(copy).name()).isEqualTo("edited");
      assertThat(ProjectStore.open(sample).name()).isEqualTo("four");
    } finally {
      ProjectStore.folderWritable = real;
      if (old == null) {
        System.clearProperty("pc2seg.data.dir");
      } else {
        System.setProperty("pc2seg.data.dir", old);
      }
    }
  }
}
