package org.pc2seg.project;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A project that cannot be opened or saved. The message is {@code "<file>: <problem>"}, so it
 * always names the file and says what is wrong.
 */
public class ProjectException extends IOException {
  private final transient Path file;
  private final String problem;

  public ProjectException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
    this.problem = problem;
  }

  public ProjectException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
    this.problem = problem;
  }

  /** The file or folder concerned. */
  public Path file() {
    return file;
  }

  /** What is wrong, without the file name. */
  public String problem() {
    return problem;
  }
}
