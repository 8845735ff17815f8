package org.pc2seg.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.image.IndexMask;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.MaskStore;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;

/** Kills a real child JVM (SIGKILL) while it edits, then recovers every finished stroke. */
class JournalKillTest {
  @TempDir Path tmp;

  @Test
  void sigkillLosesOnlyTheOpenStroke() throws Exception {
    Project p = StrokeJournalTest.project(tmp, 1);
    int strokes = 8;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                JournalKillChild.class.getName(),
                p.root().toString(),
                String.valueOf(strokes))
            .redirectErrorStream(true)
            .start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      String line;
      while ((line = r.readLine()) != null && !line.equals("OPEN")) {
        // wait until every stroke is finished and one is in progress
      }
      assertThat(line).isEqualTo("OPEN");
      child.destroyForcibly(); // SIGKILL on Linux and macOS
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.exitValue()).isNotZero();

    ImageItem item = p.items().get(0);
    MaskEditSession expected = new MaskEditSession(IndexMask.blank(item.width(), item.height()));
    for (int i = 0; i < strokes; i++) {
      JournalKillChild.paint(expected, i);
    }
    Project reopened = ProjectStore.open(p.root());
    JournalRecovery.Report report = JournalRecovery.recover(reopened);
    assertThat(report.strokes()).isEqualTo(strokes);
    assertThat(MaskStore.read(reopened, reopened.items().get(0))).contains(expected.mask());
  }
}
