package org.pc2seg.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  @TempDir Path tmp;

  @Test
  void deletesNestedFoldersAndFilesButNotTheirSiblings() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("run/checkpoints/step-10"));
    Files.writeString(root.resolve("model.params"), "w");
    Files.writeString(tmp.resolve("run/config.json"), "{}");
    Path sibling = Files.writeString(tmp.resolve("keep.txt"), "k");

    FileTrees.deleteTree(tmp.resolve("run"));

    assertThat(tmp.resolve("run")).doesNotExist();
    assertThat(sibling).hasContent("k");
  }

  @Test
  void aMissingFolderIsNoError() throws Exception {
    FileTrees.deleteTree(tmp.resolve("absent"));
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void aLinkInsideIsRemovedWithoutTouchingItsTarget() throws Exception {
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "o");
    Path root = Files.createDirectories(tmp.resolve("scratch"));
    Files.createSymbolicLink(root.resolve("link"), outside);

    FileTrees.deleteTree(root);

    assertThat(root).doesNotExist();
    assertThat(outside).hasContent("o");
  }
}
