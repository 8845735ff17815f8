package org.pc2seg.gui.overlay;

/** What the viewer draws over the image. */
public enum OverlayMode {
  MASK("Mask"),
  PREDICTION("Prediction"),
  BOTH("Mask + prediction"),
  NONE("None");

  private final String label;

  OverlayMode(String label) {
    this.label = label;
  }

  public boolean showsMask() {
    return this == MASK || this == BOTH;
  }

  public boolean showsPrediction() {
    return this == PREDICTION || this == BOTH;
  }

  @Override
  public String toString() {
    return label;
  }
}
