package org.pc2seg.export;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a destination before anything is written: the folder can be created and written to, and no
 * planned file exists unless overwriting was asked for. Everything is then written through {@link
 * org.pc2seg.io.AtomicFiles}, so a failure never leaves a half-written file under a final name.
 */
final class Destination {
  private Destination() {}

  /** Creates the folder if needed and proves it is writable by creating and deleting a file. */
  static void prepareFolder(Path dir) throws ExportException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ExportException(dir, "exists and is not a folder");
    }
    try {
      Files.createDirectories(dir);
    } catch (FileSystemException e) {
      throw new ExportException(dir, "cannot create the folder (" + reason(e) + ")", e);
    } catch (IOException e) {
      throw new ExportException(dir, "cannot create the folder (" + e.getMessage() + ")", e);
    }
    try {
      Path probe = Files.createTempFile(dir, ".pc2seg-export-", ".probe");
      Files.delete(probe);
    } catch (FileSystemException e) {
      throw new ExportException(dir, "folder is not writable (" + reason(e) + ")", e);
    } catch (IOException e) {
      throw new ExportException(dir, "folder is not writable (" + e.getMessage() + ")", e);
    }
  }

  /** Fails, naming the first clash, when some planned files exist and overwriting is off. */
  static void checkExisting(Path dest, List<Path> targets, boolean overwrite)
      throws ExportException {
    if (overwrite) {
      return;
    }
    List<Path> existing = targets.stream().filter(Files::exists).toList();
    if (!existing.isEmpty()) {
      throw new ExportException(
          dest,
          existing.size()
              + " of "
              + targets.size()
              + " file(s) to write already exist (first: "
              + existing.get(0).getFileName()
              + "); nothing was written. Choose an empty destination or overwrite"
              + " (--overwrite)");
    }
  }

  /** The short reason of a file system error ("Permission denied", "No space left on device"). */
  static String reason(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
