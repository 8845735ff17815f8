package org.pc2seg.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: replace or leave untouched, never a torn file, no temporary files left. */
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writeReplacesContentAndLeavesNoTemporaryFile() throws Exception {
    Path f = dir.resolve("a.txt");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertThat(Files.readString(f)).isEqualTo("two");
    assertThat(names()).containsExactly("a.txt");
  }

  @Test
  void failingWriterLeavesOldFileIntactAndNoTemporaryFile() throws Exception {
    Path f = dir.resolve("mask.png");
    AtomicFiles.writeString(f, "old content");
    byte[] big = new byte[200_000];
    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    f,
                    out -> {
                      out.write(big); // more than the buffer: bytes reach the temporary file
                      throw new IOException("No space left on device");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("No space left on device");
    assertThat(Files.readString(f)).isEqualTo("old content");
    assertThat(names()).containsExactly("mask.png");
  }

  @Test
  void failingWriterOnANewFileCreatesNothing() {
    Path f = dir.resolve("sub").resolve("new.json");
    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    f,
                    out -> {
                      out.write("{\"half\":".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }))
        .hasMessageContaining("disk full");
    assertThat(f).doesNotExist();
    assertThat(f.getParent()).isEmptyDirectory();
  }

  @Test
  void writtenFilesGetNormalPermissionsNotPrivateOnes() throws Exception {
    Path plain = Files.createFile(dir.resolve("plain.txt"));
    Path atomic = dir.resolve("atomic.txt");
    AtomicFiles.writeString(atomic, "x");
    assertThat(Files.getPosixFilePermissions(atomic))
        .isEqualTo(Files.getPosixFilePermissions(plain));
  }

  @Test
  void staleTemporaryFilesAreDeletedFreshOnesAndOtherFilesKept() throws Exception {
    Path stale = Files.writeString(dir.resolve(".project.json.0123456789abcdef.tmp"), "torn");
    Path fresh = Files.writeString(dir.resolve(".m.png.fedcba9876543210.tmp"), "in progress");
    Path other = Files.writeString(dir.resolve("notes.tmp"), "user file");
    Path hidden = Files.writeString(dir.resolve(".hidden"), "user file");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    List<Path> deleted = AtomicFiles.deleteStaleTemps(dir, Duration.ofMinutes(10));
    assertThat(deleted).containsExactly(stale);
    assertThat(stale).doesNotExist();
    assertThat(fresh).exists();
    assertThat(other).exists();
    assertThat(hidden).exists();
  }

  @Test
  void temporaryNamesAreRecognised() {
    assertThat(AtomicFiles.isTempName(".project.json.0123456789abcdef.tmp")).isTrue();
    assertThat(AtomicFiles.isTempName("project.json")).isFalse();
    assertThat(AtomicFiles.isTempName(".x.tmp")).isFalse();
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
