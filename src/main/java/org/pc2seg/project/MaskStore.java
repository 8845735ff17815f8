package org.pc2seg.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.pc2seg.image.ImageFormatException;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;

/** Reads and writes the masks of a project's images, validating size and values. */
public final class MaskStore {
  private MaskStore() {}

  /**
   * Reads an image's mask. Empty when none is saved; an {@link ImageFormatException} when the file
   * is corrupt, has the wrong size or holds values that are neither a class id nor 255.
   */
  public static Optional<IndexMask> read(Project p, ImageItem item) throws IOException {
    Path file = p.maskFile(item);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    IndexMask m = MaskCodec.read(file);
    validate(p, item, m, file);
    return Optional.of(m);
  }

  /** Writes an image's mask atomically and marks the image LABELED (or UNLABELED if empty). */
  public static void write(Project p, ImageItem item, IndexMask mask) throws IOException {
    Path file = p.maskFile(item);
    validate(p, item, mask, file);
    ProjectStore.checkWritable(p, file);
    try {
      MaskCodec.write(mask, file);
    } catch (IOException e) {
      throw new ProjectException(
          file, "cannot save mask (" + e.getMessage() + "); the previous mask is intact", e);
    }
    item.setStatus(ImageStatus.LABELED);
    p.fire();
  }

  /** Deletes an image's mask; the image becomes UNLABELED. */
  public static void delete(Project p, ImageItem item) throws IOException {
    Files.deleteIfExists(p.maskFile(item));
    item.setStatus(
        Files.exists(p.predictionFile(item)) ? ImageStatus.PREDICTED : ImageStatus.UNLABELED);
    p.fire();
  }

  /** Checks a mask against its image's size and the class table. */
  public static void validate(Project p, ImageItem item, IndexMask m, Path file)
      throws ImageFormatException {
    if (item.width() > 0 && (m.width() != item.width() || m.height() != item.height())) {
      throw new ImageFormatException(
          file,
          "mask is "
              + m.width()
              + "x"
              + m.height()
              + " but its image "
              + item.path()
              + " is "
              + item.width()
              + "x"
              + item.height());
    }
    boolean[] ok = new boolean[256];
    ok[IndexMask.IGNORE] = true;
    for (LabelClass c : p.classes()) {
      ok[c.id()] = true;
    }
    byte[] d = m.data();
    for (int i = 0; i < d.length; i++) {
      int v = d[i] & 0xFF;
      if (!ok[v]) {
        throw new ImageFormatException(
            file,
            "mask value "
                + v
                + " at ("
                + (i % m.width())
                + ", "
                + (i / m.width())
                + ") is neither a class id nor 255");
      }
    }
  }
}
