package org.pc2seg.project;

/**
 * One entry of a project's class table.
 *
 * @param id index stored in masks (0..254; 255 is reserved for "unlabeled")
 * @param name display name
 * @param color colour as {@code #rrggbb}
 */
public record LabelClass(int id, String name, String color) {
  public LabelClass {
    if (id < 0 || id > 254) {
      throw new IllegalArgumentException("class id must be 0..254 (255 means unlabeled): " + id);
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("class " + id + " needs a name");
    }
    if (color == null || !color.matches("#[0-9a-fA-F]{6}")) {
      throw new IllegalArgumentException("class " + id + " colour must be #rrggbb: " + color);
    }
  }

  /** Colour as 0xRRGGBB. */
  public int rgb() {
    return Integer.parseInt(color.substring(1), 16);
  }

  public LabelClass withName(String newName) {
    return new LabelClass(id, newName, color);
  }

  public LabelClass withColor(String newColor) {
    return new LabelClass(id, name, newColor);
  }
}
