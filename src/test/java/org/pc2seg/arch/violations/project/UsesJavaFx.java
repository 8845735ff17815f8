package org.pc2seg.arch.violations.project;

/** Deliberate violation used to prove the layering rules can fail. */
public class UsesJavaFx {
  javafx.scene.paint.Color color = javafx.scene.paint.Color.RED;
}
