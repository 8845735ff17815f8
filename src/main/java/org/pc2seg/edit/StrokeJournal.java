package org.pc2seg.edit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Crash journal of a project's unsaved mask edits. Every finished stroke (and every undo or redo)
 * is appended to {@code .journal/<stem>.journal} with one {@code write} call before the edit
 * returns, so it survives the process being killed; an {@code fsync} follows on a background thread
 * so it also survives a power cut shortly after. When a mask is saved the journal of that image is
 * rotated ({@link #beginSave}) and deleted once the save succeeded ({@link #endSave}). {@link
 * JournalRecovery} replays what is left on the next open.
 */
public final class StrokeJournal implements Closeable {
  /** Folder inside the project that holds the journals. */
  public static final String DIR = ".journal";

  static final String ACTIVE = ".journal";
  static final String SAVING = ".saving";

  private final Path dir;
  private final Map<String, FileChannel> open = new HashMap<>();
  private final ExecutorService syncer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "journal-fsync");
            t.setDaemon(true);
            return t;
          });

  public StrokeJournal(Path projectRoot) {
    this.dir = projectRoot.resolve(DIR);
  }

  public Path dir() {
    return dir;
  }

  /** An {@link EditSink} that journals the edits of one image. */
  public EditSink sinkFor(String stem, int width, int height) {
    return (edit, forward) -> append(stem, width, height, edit, forward);
  }

  /** Appends one applied edit. */
  public synchronized void append(
      String stem, int width, int height, MaskEdit edit, boolean forward) {
    List<JournalFormat.Write> writes = new ArrayList<>(edit.patches().size());
    for (TilePatch p : edit.patches()) {
      writes.add(
          new JournalFormat.Write(p.x(), p.y(), p.w(), p.h(), forward ? p.after() : p.before()));
    }
    try {
      FileChannel ch = channel(stem, width, height);
      writeFully(ch, JournalFormat.record(writes));
      syncer.execute(() -> force(ch));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the stroke journal in " + dir, e);
    }
  }

  /**
   * Called before the mask of {@code stem} is written: the journal so far is set aside, new strokes
   * go to a fresh file. If an earlier save failed, its set-aside journal is kept and extended.
   */
  public synchronized void beginSave(String stem) throws IOException {
    closeChannel(stem);
    Path active = file(stem, ACTIVE);
    Path saving = file(stem, SAVING);
    if (!Files.exists(active)) {
      return;
    }
    if (Files.exists(saving)) {
      try (FileChannel out = FileChannel.open(saving, StandardOpenOption.APPEND);
          FileChannel in = FileChannel.open(active, StandardOpenOption.READ)) {
        long pos = JournalFormat.HEADER_BYTES;
        long size = in.size();
        while (pos < size) {
          pos += in.transferTo(pos, size - pos, out);
        }
        out.force(false);
      }
      Files.delete(active);
    } else {
      Files.move(active, saving, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Called after the mask was saved: the set-aside journal is no longer needed. */
  public synchronized void endSave(String stem, boolean saved) throws IOException {
    if (saved) {
      Files.deleteIfExists(file(stem, SAVING));
    }
  }

  /** Deletes every journal of an image (its edits are saved or deliberately dropped). */
  public synchronized void discard(String stem) throws IOException {
    closeChannel(stem);
    Files.deleteIfExists(file(stem, ACTIVE));
    Files.deleteIfExists(file(stem, SAVING));
  }

  /** Waits until every appended record is fsync'ed. */
  public void flush() {
    try {
      syncer.submit(() -> {}).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    flush();
    for (String stem : List.copyOf(open.keySet())) {
      closeChannel(stem);
    }
    syncer.shutdown();
  }

  Path file(String stem, String suffix) {
    return dir.resolve(stem + suffix);
  }

  private FileChannel channel(String stem, int width, int height) throws IOException {
    FileChannel ch = open.get(stem);
    if (ch != null) {
      return ch;
    }
    Files.createDirectories(dir);
    Path f = file(stem, ACTIVE);
    boolean fresh = !Files.exists(f) || Files.size(f) < JournalFormat.HEADER_BYTES;
    ch =
        FileChannel.open(
            f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    if (fresh) {
      ch.truncate(0);
      writeFully(ch, JournalFormat.header(width, height));
    } else {
      ch.position(ch.size());
    }
    open.put(stem, ch);
    return ch;
  }

  private void closeChannel(String stem) {
    FileChannel ch = open.remove(stem);
    if (ch != null) {
      try {
        ch.force(false);
        ch.close();
      } catch (IOException ignored) {
        // the data was written already; a failed close loses nothing the kernel holds
      }
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static void force(FileChannel ch) {
    try {
      if (ch.isOpen()) {
        ch.force(false);
      }
    } catch (IOException ignored) {
      // closed concurrently by a rotation, which forces itself
    }
  }
}
