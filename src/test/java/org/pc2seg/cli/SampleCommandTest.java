package org.pc2seg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;

/** {@code sample}: options reach the generator, and a bad class limit is refused by name. */
class SampleCommandTest {
  @TempDir Path dir;

  @Test
  void writesAProjectOfTheAskedSize() throws Exception {
    Path out = dir.resolve("voc");
    CliRun r =
        CliRun.run(
            "sample",
            "--out",
            out.toString(),
            "--size",
            "48",
            "--pool",
            "6",
            "--labeled",
            "3",
            "--val",
            "2",
            "--classes-per-image",
            "1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Wrote 8 images");
    Project p = ProjectStore.open(out);
    assertThat(p.labeledTrainItems()).hasSize(3);
    assertThat(p.labeledValItems()).hasSize(2);
  }

  @Test
  void aClassLimitAboveThreeIsRefusedAndWritesNothing() {
    Path out = dir.resolve("bad");
    CliRun r = CliRun.run("sample", "--out", out.toString(), "--classes-per-image", "4");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("classes per image", "got 4");
    assertThat(out).doesNotExist();
  }
}
