package org.pc2seg.gui;

import java.nio.file.Path;
import javafx.application.Application;

/** Starts the JavaFX application; the project folder (or null for the sample) is passed on. */
public final class StudioLauncher {
  private static volatile Path initialProject;

  private StudioLauncher() {}

  public static void launch(Path project) {
    initialProject = project;
    Application.launch(StudioApp.class);
  }

  static Path initialProject() {
    return initialProject;
  }
}
