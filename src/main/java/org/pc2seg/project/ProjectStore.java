package org.pc2seg.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.pc2seg.image.ImageFormatException;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.io.AtomicFiles;

/**
 * Opens, creates and saves projects. Saving is atomic and keeps the previous {@code project.json}
 * as {@code project.json.bak}. Opening never fails because of one bad image or mask: those become
 * {@link Project#problems()} and the item is marked {@link ImageStatus#BROKEN}.
 */
public final class ProjectStore {
  /** Name of the backup that keeps the previous {@code project.json}. */
  public static final String BACKUP_FILE = Project.FILE + ".bak";

  /** Temporary files of a killed writer older than this are removed when a project is opened. */
  static final Duration STALE_TEMP_AGE = Duration.ofMinutes(10);

  /**
   * The check that a folder can be written. Package-private and replaceable so that tests can
   * simulate a read-only folder even when they run as root (for whom file permissions do not stop
   * writes).
   */
  static Predicate<Path> folderWritable = Files::isWritable;

  private ProjectStore() {}

  /** Creates an empty project folder with the given class table and saves it. */
  public static Project create(Path dir, String name, List<LabelClass> classes) throws IOException {
    Path file = dir.resolve(Project.FILE);
    if (Files.exists(file)) {
      throw new ProjectException(file, "a project already exists here");
    }
    Files.createDirectories(dir);
    Project p = new Project(dir, name, classes);
    save(p);
    return p;
  }

  /** Opens the project in a folder (or the folder of a given project.json). */
  public static Project open(Path dirOrFile) throws IOException {
    if (!Files.exists(dirOrFile)) {
      throw new ProjectException(dirOrFile, "no such project folder");
    }
    Path dir = Files.isDirectory(dirOrFile) ? dirOrFile : dirOrFile.toAbsolutePath().getParent();
    Path file = dir.resolve(Project.FILE);
    if (!Files.exists(file)) {
      throw new ProjectException(dir, "not a project folder (no " + Project.FILE + ")");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProjectException(file, "cannot read (" + e.getMessage() + ")", e);
    }
    Project p;
    try {
      p = ProjectJson.read(dir, file, text);
    } catch (ProjectJson.DamagedException e) {
      Path bak = dir.resolve(BACKUP_FILE);
      if (!Files.exists(bak)) {
        throw e;
      }
      throw new ProjectException(
          file,
          e.problem()
              + "; the previous version is in "
              + BACKUP_FILE
              + " (copy it over "
              + Project.FILE
              + " to go back to it)",
          e);
    }
    deleteStaleTemps(p);
    refreshStatuses(p);
    return p;
  }

  private static void deleteStaleTemps(Project p) {
    if (!folderWritable.test(p.root())) {
      return;
    }
    for (Path d : List.of(p.root(), p.masksDir())) {
      try {
        AtomicFiles.deleteStaleTemps(d, STALE_TEMP_AGE);
      } catch (IOException e) {
        // Leftover temporary files are harmless; never fail an open because of them.
      }
    }
  }

  /**
   * Re-derives each image's status from the files on disk: a mask that exists and is valid means
   * LABELED, a prediction means PREDICTED, a missing image, an unreadable image header (not an
   * image, truncated header, over the pixel limit) or an invalid mask means BROKEN (with a problem
   * recorded). The image size is taken from the image header; a size that differs from the one in
   * {@code project.json} is corrected and reported. Nothing on disk is changed.
   */
  public static void refreshStatuses(Project p) {
    for (ImageItem item : p.items()) {
      refreshStatus(p, item);
    }
  }

  /** {@link #refreshStatuses} for one image (which need not be in the project's list yet). */
  static void refreshStatus(Project p, ImageItem item) {
    Path img = p.imageFile(item);
    if (!Files.isRegularFile(img)) {
      p.addProblem(new Problem(img, "image file is missing"));
      item.setStatusQuietly(ImageStatus.BROKEN);
      return;
    }
    try {
      ImageLoader.Size size = ImageLoader.readSize(img);
      if (item.width() > 0 && (item.width() != size.width() || item.height() != size.height())) {
        p.addProblem(
            new Problem(
                img,
                "image is "
                    + size.width()
                    + "x"
                    + size.height()
                    + " but the project recorded "
                    + item.width()
                    + "x"
                    + item.height()
                    + "; using the image's size"));
      }
      item.setSize(size.width(), size.height());
    } catch (IOException e) {
      p.addProblem(new Problem(img, stripFile(e.getMessage(), img)));
      item.setStatusQuietly(ImageStatus.BROKEN);
      return;
    }
    Path mask = p.maskFile(item);
    if (Files.exists(mask)) {
      try {
        MaskStore.read(p, item);
        item.setStatusQuietly(ImageStatus.LABELED);
      } catch (ImageFormatException e) {
        p.addProblem(new Problem(mask, stripFile(e.getMessage(), mask)));
        item.setStatusQuietly(ImageStatus.BROKEN);
      } catch (IOException e) {
        p.addProblem(new Problem(mask, "cannot read mask (" + e.getMessage() + ")"));
        item.setStatusQuietly(ImageStatus.BROKEN);
      }
    } else if (Files.exists(p.predictionFile(item))) {
      item.setStatusQuietly(ImageStatus.PREDICTED);
    } else {
      item.setStatusQuietly(ImageStatus.UNLABELED);
    }
  }

  /** Whether {@code dir} keeps a previous project.json to go back to. */
  public static boolean hasBackup(Path dir) {
    return Files.isRegularFile(dir.resolve(BACKUP_FILE));
  }

  /**
   * Puts the previous project.json back (after the current one turned out damaged): the damaged
   * file is kept as {@code project.json.damaged} (numbered if that exists), then the backup is
   * copied over project.json atomically. Refuses, touching nothing, when the backup is damaged too.
   *
   * @return the file the damaged version was kept in
   */
  public static Path restoreBackup(Path dir) throws IOException {
    Path bak = dir.resolve(BACKUP_FILE);
    Path file = dir.resolve(Project.FILE);
    String text;
    try {
      text = Files.readString(bak, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProjectException(bak, "cannot read the backup (" + e.getMessage() + ")", e);
    }
    ProjectJson.read(dir, bak, text); // throws, naming the backup, when it is damaged as well
    Path kept = dir.resolve(Project.FILE + ".damaged");
    for (int n = 2; Files.exists(kept); n++) {
      kept = dir.resolve(Project.FILE + ".damaged-" + n);
    }
    if (Files.exists(file)) {
      Files.copy(file, kept);
    }
    AtomicFiles.writeString(file, text);
    return kept;
  }

  /** Writes project.json atomically, keeping the previous version as project.json.bak. */
  public static void save(Project p) throws IOException {
    Path file = p.file();
    checkWritable(p, file);
    String json = ProjectJson.write(p);
    try {
      if (Files.exists(file)) {
        Path bak = file.resolveSibling(BACKUP_FILE);
        AtomicFiles.write(bak, out -> Files.copy(file, out));
      }
      AtomicFiles.writeString(file, json);
    } catch (AccessDeniedException e) {
      throw new ProjectException(
          file, "permission denied; cannot save; the previous file is intact", e);
    } catch (NoSuchFileException e) {
      throw new ProjectException(file, "folder disappeared; cannot save", e);
    } catch (FileSystemException e) {
      throw new ProjectException(
          file, "cannot save (" + e.getReason() + "); the previous file is intact", e);
    } catch (IOException e) {
      throw new ProjectException(
          file, "cannot save (" + e.getMessage() + "); the previous file is intact", e);
    }
  }

  /**
   * Throws a {@link ProjectException} naming {@code file} when the project folder (or the folder of
   * {@code file}, if it exists) cannot be written, before anything is touched.
   */
  static void checkWritable(Project p, Path file) throws ProjectException {
    Path dir = file.toAbsolutePath().getParent();
    boolean ok =
        folderWritable.test(p.root()) && (!Files.isDirectory(dir) || folderWritable.test(dir));
    if (!ok) {
      throw new ProjectException(
          file, "the project folder " + p.root() + " is read-only; nothing was saved");
    }
  }

  /** Copies a file; kept for importers that bring images into the project folder. */
  static void copyInto(Path src, Path dst) throws IOException {
    Files.createDirectories(dst.getParent());
    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
  }

  static String stripFile(String message, Path file) {
    String prefix = file + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
