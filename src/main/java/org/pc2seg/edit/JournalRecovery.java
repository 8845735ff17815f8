package org.pc2seg.edit;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.pc2seg.image.IndexMask;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.MaskStore;
import org.pc2seg.project.Project;

/**
 * Replays the stroke journals a killed session left behind: every complete record is applied to the
 * saved mask (or a blank one), the mask is saved atomically and the journal deleted. A record cut
 * short by the kill is ignored. Images marked BROKEN keep their journal untouched.
 */
public final class JournalRecovery {
  private JournalRecovery() {}

  /** What was recovered. */
  public record Report(int images, int strokes, List<String> recovered, List<String> problems) {
    public boolean isEmpty() {
      return images == 0 && problems.isEmpty();
    }

    /** A one-line message for the user. */
    public String message() {
      StringBuilder sb = new StringBuilder();
      if (images > 0) {
        sb.append("Recovered ")
            .append(strokes)
            .append(strokes == 1 ? " unsaved stroke" : " unsaved strokes")
            .append(" in ")
            .append(images)
            .append(images == 1 ? " image" : " images")
            .append(" from the last session: ")
            .append(String.join(", ", recovered))
            .append('.');
      }
      for (String p : problems) {
        sb.append(sb.isEmpty() ? "" : " ").append(p);
      }
      return sb.toString();
    }
  }

  /** Recovers every journal of the project. */
  public static Report recover(Project p) throws IOException {
    Path dir = p.root().resolve(StrokeJournal.DIR);
    List<String> recovered = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int strokes = 0;
    if (!Files.isDirectory(dir)) {
      return new Report(0, 0, recovered, problems);
    }
    List<String> stems;
    try (Stream<Path> s = Files.list(dir)) {
      stems =
          s.map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(StrokeJournal.ACTIVE) || n.endsWith(StrokeJournal.SAVING))
              .map(n -> n.substring(0, n.lastIndexOf('.')))
              .distinct()
              .sorted()
              .toList();
    }
    for (String stem : stems) {
      Path saving = dir.resolve(stem + StrokeJournal.SAVING);
      Path active = dir.resolve(stem + StrokeJournal.ACTIVE);
      Optional<ImageItem> item = p.items().stream().filter(i -> i.stem().equals(stem)).findFirst();
      if (item.isEmpty()) {
        problems.add("Journal " + active + " belongs to no image of the project; kept.");
        continue;
      }
      if (item.get().status() == ImageStatus.BROKEN) {
        problems.add(
            "Unsaved strokes of "
                + item.get().path()
                + " kept in "
                + dir
                + " (its mask is broken).");
        continue;
      }
      try {
        Optional<IndexMask> saved = MaskStore.read(p, item.get());
        IndexMask mask =
            saved.orElseGet(() -> IndexMask.blank(item.get().width(), item.get().height()));
        int n = replay(saving, mask) + replay(active, mask);
        if (n > 0) {
          MaskStore.write(p, item.get(), mask);
          strokes += n;
          recovered.add(item.get().path());
        }
        Files.deleteIfExists(saving);
        Files.deleteIfExists(active);
      } catch (IOException | RuntimeException e) {
        problems.add("Cannot recover strokes of " + item.get().path() + ": " + e.getMessage());
      }
    }
    return new Report(recovered.size(), strokes, recovered, problems);
  }

  /** Applies the complete records of one journal file to a mask; returns how many. */
  static int replay(Path file, IndexMask mask) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    int n = 0;
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
      if (in.readInt() != JournalFormat.FILE_MAGIC || in.readInt() != JournalFormat.VERSION) {
        throw new IOException(file + " is not a stroke journal");
      }
      int w = in.readInt();
      int h = in.readInt();
      if (w != mask.width() || h != mask.height()) {
        throw new IOException(
            file + " is for a " + w + "x" + h + " mask, not " + mask.width() + "x" + mask.height());
      }
      while (true) {
        byte[] payload;
        try {
          if (in.readInt() != JournalFormat.RECORD_MAGIC) {
            break;
          }
          int len = in.readInt();
          int crc = in.readInt();
          if (len < 0 || len > 1 << 28) {
            break;
          }
          payload = new byte[len];
          in.readFully(payload);
          CRC32 c = new CRC32();
          c.update(payload);
          if ((int) c.getValue() != crc) {
            break;
          }
        } catch (EOFException e) {
          break;
        }
        for (JournalFormat.Write wr : JournalFormat.parse(payload)) {
          apply(mask, wr);
        }
        n++;
      }
    } catch (EOFException e) {
      return n;
    }
    return n;
  }

  private static void apply(IndexMask mask, JournalFormat.Write wr) throws IOException {
    if (wr.x() < 0 || wr.y() < 0 || wr.x() + wr.w() > mask.width()) {
      throw new IOException("journal region outside the mask");
    }
    if (wr.y() + wr.h() > mask.height()) {
      throw new IOException("journal region outside the mask");
    }
    byte[] d = mask.data();
    for (int j = 0; j < wr.h(); j++) {
      System.arraycopy(wr.values(), j * wr.w(), d, (wr.y() + j) * mask.width() + wr.x(), wr.w());
    }
  }
}
