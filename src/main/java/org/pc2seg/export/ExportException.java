package org.pc2seg.export;

import java.io.IOException;
import java.nio.file.Path;

/** An export that cannot be done or did not finish, naming the file and what to do. */
public class ExportException extends IOException {
  public ExportException(Path file, String problem) {
    super(file + ": " + problem);
  }

  public ExportException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }

  /** An export problem not tied to one file. */
  public ExportException(String problem) {
    super(problem);
  }
}
