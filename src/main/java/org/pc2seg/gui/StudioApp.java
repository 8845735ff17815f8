package org.pc2seg.gui;

import java.io.IOException;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;
import org.pc2seg.project.SampleProjects;

/** The JavaFX application: one {@link StudioWindow} on the given project or the sample. */
public final class StudioApp extends Application {
  private StudioWindow window;

  @Override
  public void start(Stage stage) {
    window = new StudioWindow(stage);
    org.pc2seg.gui.training.TrainingFeature.install(
        window, new org.pc2seg.gui.training.DjlTrainingEngine());
    stage.show();
    Path dir = StudioLauncher.initialProject();
    try {
      if (dir == null) {
        dir = SampleProjects.defaultProject().map(StudioApp::userCopy).orElse(null);
      }
    } catch (RuntimeException e) {
      window.workspace().messageProperty().set("Cannot open the sample project: " + e.getMessage());
    }
    window.viewer().requestFocus();
    if (dir != null) {
      window.openProject(dir);
    } else if (window.workspace().messageProperty().get().isEmpty()) {
      window.workspace().messageProperty().set("Open or create a project from the File menu.");
    }
  }

  private static Path userCopy(Path sample) {
    try {
      return SampleProjects.userCopy(sample);
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void stop() {
    if (window != null) {
      window.shutdown();
    }
  }
}
