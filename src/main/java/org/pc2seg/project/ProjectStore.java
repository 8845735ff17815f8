package org.pc2seg.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.pc2seg.image.ImageFormatException;
import org.pc2seg.io.AtomicFiles;

/**
 * Opens, creates and saves projects. Saving is atomic and keeps the previous {@code project.json}
 * as {@code project.json.bak}. Opening never fails because of one bad image or mask: those become
 * {@link Project#problems()} and the item is marked {@link ImageStatus#BROKEN}.
 */
public final class ProjectStore {
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
    Path dir = Files.isDirectory(dirOrFile) ? dirOrFile : dirOrFile.toAbsolutePath().getParent();
    Path file = dir.resolve(Project.FILE);
    if (!Files.isDirectory(dir)) {
      throw new ProjectException(dir, "no such project folder");
    }
    if (!Files.exists(file)) {
      throw new ProjectException(file, "not a project folder (no " + Project.FILE + ")");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProjectException(file, "cannot read (" + e.getMessage() + ")", e);
    }
    Project p = ProjectJson.read(dir, file, text);
    refreshStatuses(p);
    return p;
  }

  /**
   * Re-derives each image's status from the files on disk: a mask that exists and is valid means
   * LABELED, a prediction means PREDICTED, a missing image or invalid mask means BROKEN (with a
   * problem recorded).
   */
  public static void refreshStatuses(Project p) {
    for (ImageItem item : p.items()) {
      Path img = p.imageFile(item);
      if (!Files.isRegularFile(img)) {
        p.addProblem(new Problem(img, "image file is missing"));
        item.setStatusQuietly(ImageStatus.BROKEN);
        continue;
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
  }

  /** Writes project.json atomically, keeping the previous version as project.json.bak. */
  public static void save(Project p) throws IOException {
    Path file = p.file();
    if (!Files.isWritable(p.root())) {
      throw new ProjectException(p.root(), "project folder is read-only; cannot save");
    }
    String json = ProjectJson.write(p);
    try {
      if (Files.exists(file)) {
        Path bak = file.resolveSibling(Project.FILE + ".bak");
        AtomicFiles.write(bak, out -> Files.copy(file, out));
      }
      AtomicFiles.writeString(file, json);
    } catch (AccessDeniedException e) {
      throw new ProjectException(file, "permission denied; cannot save", e);
    } catch (NoSuchFileException e) {
      throw new ProjectException(file, "folder disappeared; cannot save", e);
    } catch (FileSystemException e) {
      throw new ProjectException(file, "cannot save (" + e.getReason() + ")", e);
    } catch (IOException e) {
      throw new ProjectException(
          file, "cannot save (" + e.getMessage() + "); the previous file is intact", e);
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
