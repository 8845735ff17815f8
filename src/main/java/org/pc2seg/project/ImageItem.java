package org.pc2seg.project;

import java.time.Instant;
import java.util.Locale;

/**
 * One image of a project. The path is stored relative to the project folder with forward slashes,
 * so a project folder can be moved or versioned.
 */
public final class ImageItem {
  private final String path;
  private int width;
  private int height;
  private Split split;
  private ImageStatus status;
  private Instant created;
  private Instant modified;

  public ImageItem(String path, int width, int height, Split split, ImageStatus status) {
    this.path = path.replace('\\', '/');
    this.width = width;
    this.height = height;
    this.split = split;
    this.status = status;
    this.created = Instant.now();
    this.modified = created;
  }

  /** Path relative to the project folder, forward slashes. */
  public String path() {
    return path;
  }

  /**
   * A file-name-safe key unique within the project, used to name masks and predictions: the
   * relative path without extension, with folder separators turned into {@code __}.
   */
  public String stem() {
    String p = path;
    while (p.startsWith("../")) {
      p = p.substring(3);
    }
    int dot = p.lastIndexOf('.');
    int slash = p.lastIndexOf('/');
    if (dot > slash + 1) {
      p = p.substring(0, dot);
    }
    return p.replace("/", "__").replace(":", "_");
  }

  public String fileName() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public void setSize(int width, int height) {
    this.width = width;
    this.height = height;
  }

  public Split split() {
    return split;
  }

  public void setSplit(Split split) {
    this.split = split;
    touch();
  }

  public ImageStatus status() {
    return status;
  }

  public void setStatus(ImageStatus status) {
    this.status = status;
    touch();
  }

  public Instant created() {
    return created;
  }

  public Instant modified() {
    return modified;
  }

  void setTimes(Instant created, Instant modified) {
    this.created = created;
    this.modified = modified;
  }

  /** Sets the status without touching the modification time (status derived from disk). */
  void setStatusQuietly(ImageStatus status) {
    this.status = status;
  }

  public void touch() {
    this.modified = Instant.now();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s (%dx%d, %s, %s)", path, width, height, split, status);
  }
}
