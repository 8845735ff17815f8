package org.pc2seg.gui;

import java.io.IOException;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import org.pc2seg.project.SampleProjects;

/** Minimal main window: the project name and its image list. */
public final class StudioApp extends Application {
  @Override
  public void start(Stage stage) {
    BorderPane root = new BorderPane();
    Path dir = StudioLauncher.initialProject();
    try {
      if (dir == null) {
        dir = SampleProjects.writable(SampleProjects.defaultProject().orElseThrow());
      }
      Project p = ProjectStore.open(dir);
      ListView<String> list = new ListView<>();
      for (ImageItem i : p.items()) {
        list.getItems().add(i.path() + "  [" + i.status() + "]");
      }
      root.setTop(new Label("Project: " + p.name() + " — " + p.items().size() + " images"));
      root.setCenter(list);
      stage.setTitle("PC²Seg Studio — " + p.name());
    } catch (IOException | RuntimeException e) {
      root.setCenter(new Label("Cannot open project: " + e.getMessage()));
      stage.setTitle("PC²Seg Studio");
    }
    stage.setScene(new Scene(root, 1200, 800));
    stage.show();
  }
}
