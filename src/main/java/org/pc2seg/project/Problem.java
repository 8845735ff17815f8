package org.pc2seg.project;

import java.nio.file.Path;

/**
 * Something wrong with one file of a project, reported instead of failing the whole project.
 *
 * @param file the file concerned
 * @param message what is wrong, in words a user understands
 */
public record Problem(Path file, String message) {
  @Override
  public String toString() {
    return file + ": " + message;
  }
}
