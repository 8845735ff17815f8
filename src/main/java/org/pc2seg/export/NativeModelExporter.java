package org.pc2seg.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.pc2seg.io.FileTrees;

/**
 * Copies a training run folder (weights {@code .params} and its JSON: config, classes, metrics) to
 * a new folder that the app and the CLI open like any run ({@code --model DIR}). The copy is made
 * in a hidden sibling folder and renamed into place at the end, so the destination is either
 * absent, the old folder, or the complete copy; never half a model.
 */
public final class NativeModelExporter {
  private NativeModelExporter() {}

  /**
   * Exports a run folder.
   *
   * @param runDir the run folder (must hold at least one {@code .params} file and a JSON file)
   * @param destination the folder to create
   * @param overwrite replace an existing non-empty destination folder
   * @return the files written
   */
  public static List<Path> export(Path runDir, Path destination, boolean overwrite)
      throws IOException {
    Path src = runDir.toAbsolutePath().normalize();
    Path dst = destination.toAbsolutePath().normalize();
    if (!Files.isDirectory(src)) {
      throw new ExportException(src, "no such model folder");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(src)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    if (files.stream().noneMatch(f -> f.getFileName().toString().endsWith(".params"))) {
      throw new ExportException(src, "not a model folder: no .params weights file");
    }
    if (files.stream().noneMatch(f -> f.getFileName().toString().endsWith(".json"))) {
      throw new ExportException(src, "not a model folder: no JSON config beside the weights");
    }
    if (dst.startsWith(src)) {
      throw new ExportException(dst, "cannot export a model folder into itself");
    }
    boolean exists = Files.exists(dst);
    if (exists && !Files.isDirectory(dst)) {
      throw new ExportException(dst, "exists and is not a folder");
    }
    if (exists && !isEmpty(dst) && !overwrite) {
      throw new ExportException(
          dst,
          "folder exists and is not empty; nothing was written. Choose another or overwrite"
              + " (--overwrite)");
    }
    Path parent = dst.getParent();
    Destination.prepareFolder(parent);
    Path tmp = Files.createTempDirectory(parent, "." + dst.getFileName() + ".");
    try {
      for (Path f : files) {
        try {
          Files.copy(f, tmp.resolve(f.getFileName()));
        } catch (IOException e) {
          throw new ExportException(
              dst, "cannot copy " + f.getFileName() + " (" + Destination.reason(e) + ")", e);
        }
      }
      if (exists) {
        Path old = Files.createTempDirectory(parent, "." + dst.getFileName() + ".old.");
        Files.delete(old);
        Files.move(dst, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.deleteTree(old);
      } else {
        Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      if (Files.exists(tmp)) {
        FileTrees.deleteTree(tmp);
      }
    }
    return files.stream().map(f -> dst.resolve(f.getFileName())).toList();
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }
}
