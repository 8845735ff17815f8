package org.pc2seg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which arguments open the GUI (as a desktop launcher or file association passes them). */
class MainArgsTest {
  @TempDir Path dir;

  @Test
  void noArgumentsOrAProjectFolderOpenTheGui() {
    assertThat(Main.wantsGui(new String[0])).isTrue();
    assertThat(Main.wantsGui(new String[] {dir.toString()})).isTrue();
    assertThat(Main.projectDir(dir)).isEqualTo(dir);
  }

  @Test
  void aProjectJsonFileOpensItsFolder() throws IOException {
    Path file = Files.writeString(dir.resolve("project.json"), "{}");
    assertThat(Main.wantsGui(new String[] {file.toString()})).isTrue();
    assertThat(Main.projectDir(file)).isEqualTo(dir.toAbsolutePath());
  }

  @Test
  void commandsOptionsAndOtherFilesRunTheCli() throws IOException {
    Path other = Files.writeString(dir.resolve("notes.json"), "{}");
    assertThat(Main.wantsGui(new String[] {"info"})).isFalse();
    assertThat(Main.wantsGui(new String[] {"--version"})).isFalse();
    assertThat(Main.wantsGui(new String[] {"info", dir.toString()})).isFalse();
    assertThat(Main.wantsGui(new String[] {other.toString()})).isFalse();
    assertThat(Main.wantsGui(new String[] {dir.resolve("project.json").toString()})).isFalse();
  }
}
