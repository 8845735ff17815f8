package org.pc2seg.project;

import java.io.IOException;
import java.nio.file.Path;

/** A project that cannot be opened or saved, naming the file and the problem. */
public class ProjectException extends IOException {
  public ProjectException(Path file, String problem) {
    super(file + ": " + problem);
  }

  public ProjectException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
