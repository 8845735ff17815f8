package org.pc2seg.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.pc2seg.image.ImageLoader;

/**
 * What a folder that is not a project holds: how many images, in which of its folders, and whether
 * a project can be made in it (none of the folders a project writes into exists yet).
 *
 * @param dir the folder
 * @param images image files under it, recursively (at most {@link #LIMIT} files are looked at)
 * @param byFolder image count per folder, relative to {@code dir} ("" for {@code dir} itself), in
 *     name order
 * @param taken the project folders ({@code masks}, {@code predictions}, {@code models}) that
 *     already exist in {@code dir}
 * @param complete false when the walk stopped at {@link #LIMIT} files
 * @param project whether {@code dir} is a project already (holds project.json)
 */
public record ImageFolderSurvey(
    Path dir,
    int images,
    Map<String, Integer> byFolder,
    List<String> taken,
    boolean complete,
    boolean project) {

  /** Folders a project keeps beside its project.json. */
  public static final List<String> PROJECT_FOLDERS = List.of("masks", "predictions", "models");

  /** Files looked at before the survey stops (a home folder must not stall the caller). */
  static final int LIMIT = 200_000;

  /** Walks {@code dir} (hidden files and folders skipped) and counts its images. */
  public static ImageFolderSurvey of(Path dir) throws IOException {
    java.util.SortedMap<String, Integer> byFolder = new TreeMap<>();
    int images = 0;
    int seen = 0;
    boolean complete = true;
    try (Stream<Path> s = Files.walk(dir)) {
      Iterator<Path> it = s.iterator();
      while (it.hasNext()) {
        Path f = it.next();
        if (++seen > LIMIT) {
          complete = false;
          break;
        }
        if (hidden(dir, f) || !ImageLoader.isImageFile(f)) {
          continue;
        }
        Path parent = dir.relativize(f).getParent();
        byFolder.merge(parent == null ? "" : parent.toString().replace('\\', '/'), 1, Integer::sum);
        images++;
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new ImageFolderSurvey(
        dir,
        images,
        java.util.Collections.unmodifiableSortedMap(byFolder),
        existingProjectFolders(dir),
        complete,
        Files.exists(dir.resolve(Project.FILE)));
  }

  /** The {@link #PROJECT_FOLDERS} that already exist in {@code dir}, in that order. */
  static List<String> existingProjectFolders(Path dir) {
    return PROJECT_FOLDERS.stream().filter(name -> Files.exists(dir.resolve(name))).toList();
  }

  /** Whether {@code f}, under {@code root}, is hidden or lies in a hidden folder. */
  static boolean hidden(Path root, Path f) {
    for (Path part : root.relativize(f)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the images can become a project right here, beside them. */
  public boolean canCreateHere() {
    return images > 0 && taken.isEmpty() && complete && !project;
  }

  /**
   * "120 images: 100 in the folder itself, 20 in val/" (the three largest folders, then "…"), or
   * "no images".
   */
  public String describe() {
    if (images == 0) {
      return complete ? "no images" : "no images in the first " + LIMIT + " files";
    }
    StringBuilder b = new StringBuilder();
    b.append(images).append(images == 1 ? " image" : " images");
    if (!complete) {
      b.append(" in the first ").append(LIMIT).append(" files");
    }
    List<Map.Entry<String, Integer>> folders = new ArrayList<>(byFolder.entrySet());
    // largest first, ties by name (byFolder is sorted by name, and the sort is stable)
    folders.sort((a, c) -> Integer.compare(c.getValue(), a.getValue()));
    if (folders.size() == 1 && folders.get(0).getKey().isEmpty()) {
      return b.toString();
    }
    b.append(": ");
    for (int i = 0; i < Math.min(3, folders.size()); i++) {
      Map.Entry<String, Integer> e = folders.get(i);
      b.append(i == 0 ? "" : ", ")
          .append(e.getValue())
          .append(e.getKey().isEmpty() ? " in the folder itself" : " in " + e.getKey() + "/");
    }
    if (folders.size() > 3) {
      b.append(", …");
    }
    return b.toString();
  }
}
