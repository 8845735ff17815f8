package org.pc2seg.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Whole folder trees: removal of a run, an export's old copy or a benchmark's scratch folder. */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes {@code root} and everything under it, children before parents; does nothing when {@code
   * root} does not exist. A symbolic link is removed, not followed.
   */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
