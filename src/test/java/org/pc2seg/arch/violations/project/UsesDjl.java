package org.pc2seg.arch.violations.project;

/** Deliberate violation used to prove the layering rules can fail. */
public class UsesDjl {
  ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(1);
}
