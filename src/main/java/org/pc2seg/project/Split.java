package org.pc2seg.project;

/** Which part of the data an image belongs to. */
public enum Split {
  /** Used for training; labeled if it has a mask. */
  TRAIN,
  /** Held out for validation; should have a mask. */
  VAL,
  /** The unlabeled pool used by semi-supervised training. */
  UNLABELED
}
