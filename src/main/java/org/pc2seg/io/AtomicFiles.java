package org.pc2seg.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Crash-safe file writes: the content goes to a temporary file in the same folder, is flushed and
 * fsync'ed, then atomically renamed over the target, and the folder is fsync'ed. A reader sees
 * either the old or the new file, never a torn one; a failure (disk full, killed process) leaves
 * the old file untouched, and a failure inside this JVM also removes the temporary file.
 *
 * <p>Temporary files are named {@code .<target-name>.<random>.tmp} and get the normal permissions
 * of a new file (umask), so saved files are not made private. A process killed with SIGKILL can
 * leave one behind; {@link #deleteStaleTemps(Path, Duration)} removes those.
 */
public final class AtomicFiles {
  /** Writes content to a stream. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private static final Pattern TEMP_NAME = Pattern.compile("^\\..+\\.[0-9a-f]{16}\\.tmp$");
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /** Writes {@code target} atomically with the bytes the writer produces. */
  public static void write(Path target, Writer writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = createTemp(dir, target.getFileName().toString());
    boolean done = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(ch)) {
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        writer.write(buffered);
        buffered.flush();
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      fsyncDir(dir);
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Writes a UTF-8 text file atomically. */
  public static void writeString(Path target, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    write(target, out -> out.write(bytes));
  }

  /** Whether a file name is one of this class's temporary files. */
  public static boolean isTempName(String fileName) {
    return TEMP_NAME.matcher(fileName).matches();
  }

  /**
   * Deletes temporary files left in {@code dir} (not recursively) by a killed writer, if they are
   * older than {@code minAge} (so a write in progress in another process is left alone).
   *
   * @return the files deleted
   */
  public static List<Path> deleteStaleTemps(Path dir, Duration minAge) throws IOException {
    List<Path> deleted = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return deleted;
    }
    FileTime cutoff = FileTime.from(Instant.now().minus(minAge));
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.toList()) {
        if (isTempName(f.getFileName().toString())
            && Files.isRegularFile(f)
            && Files.getLastModifiedTime(f).compareTo(cutoff) <= 0) {
          Files.deleteIfExists(f);
          deleted.add(f);
        }
      }
    }
    return deleted;
  }

  private static Path createTemp(Path dir, String name) throws IOException {
    while (true) {
      Path tmp =
          dir.resolve(
              "." + name + "." + String.format(Locale.ROOT, "%016x", RANDOM.nextLong()) + ".tmp");
      try {
        Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (FileAlreadyExistsException e) {
        // extremely unlikely: try another random name
      }
    }
  }

  private static void fsyncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Some platforms cannot open a directory; the rename is still atomic there.
    }
  }
}
