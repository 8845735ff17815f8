package org.pc2seg.project;

/** Told when a project's content (classes, items, statuses, active model) changes. */
@FunctionalInterface
public interface ProjectListener {
  void projectChanged(Project project);
}
