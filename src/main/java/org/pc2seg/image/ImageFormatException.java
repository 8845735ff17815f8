package org.pc2seg.image;

import java.io.IOException;
import java.nio.file.Path;

/** An image or mask file that cannot be used, with the file and the reason. */
public class ImageFormatException extends IOException {
  private final transient Path file;

  public ImageFormatException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public ImageFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
