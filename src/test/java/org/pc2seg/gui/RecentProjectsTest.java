package org.pc2seg.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.project.LabelClass;

class RecentProjectsTest {
  @TempDir Path tmp;

  @Test
  void mostRecentFirstAndMissingProjectsDropped() throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Path b = Files.createDirectories(tmp.resolve("b"));
    Files.writeString(a.resolve("project.json"), "{}");
    Files.writeString(b.resolve("project.json"), "{}");
    RecentProjects r = new RecentProjects(tmp.resolve("recent.txt"));
    r.add(a);
    r.add(b);
    r.add(a);
    assertThat(r.list()).containsExactly(a.toAbsolutePath(), b.toAbsolutePath());
    Files.delete(b.resolve("project.json"));
    assertThat(new RecentProjects(tmp.resolve("recent.txt")).list()).containsExactly(a);
  }

  @Test
  void classListParsing() {
    assertThat(ProjectDialogs.parseClasses("bg, road ,car"))
        .extracting(LabelClass::id, LabelClass::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, "bg"),
            org.assertj.core.groups.Tuple.tuple(1, "road"),
            org.assertj.core.groups.Tuple.tuple(2, "car"));
    assertThatThrownBy(() -> ProjectDialogs.parseClasses(" , ")).hasMessageContaining("class");
  }
}
