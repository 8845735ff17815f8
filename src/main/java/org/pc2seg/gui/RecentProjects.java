package org.pc2seg.gui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pc2seg.io.AtomicFiles;
import org.pc2seg.project.Project;

/** The most recently opened project folders, one per line in a file of the user data folder. */
public final class RecentProjects {
  private static final int MAX = 10;
  private final Path file;

  public RecentProjects(Path file) {
    this.file = file;
  }

  /** Existing project folders, most recent first. */
  public List<Path> list() {
    List<Path> out = new ArrayList<>();
    try {
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            Path p = Path.of(line.trim());
            if (Files.exists(p.resolve(Project.FILE)) && !out.contains(p)) {
              out.add(p);
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return out;
    }
    return out;
  }

  /** Moves a project to the top of the list. */
  public void add(Path projectDir) {
    List<Path> list = list();
    Path p = projectDir.toAbsolutePath().normalize();
    list.remove(p);
    list.add(0, p);
    while (list.size() > MAX) {
      list.remove(list.size() - 1);
    }
    StringBuilder sb = new StringBuilder();
    list.forEach(x -> sb.append(x).append('\n'));
    try {
      AtomicFiles.writeString(file, sb.toString());
    } catch (IOException e) {
      // a recent-projects list that cannot be written is not worth interrupting the user for
    }
  }
}
