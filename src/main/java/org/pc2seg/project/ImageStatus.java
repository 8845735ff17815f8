package org.pc2seg.project;

/** Annotation state of one image. */
public enum ImageStatus {
  /** No mask painted yet. */
  UNLABELED,
  /** A mask is saved. */
  LABELED,
  /** No mask, but the model has written a prediction. */
  PREDICTED,
  /** The image or its mask could not be read; see the project's problems. */
  BROKEN
}
