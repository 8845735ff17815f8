package org.pc2seg.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.geometry.Point2D;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.edit.MaskEditSession;
import org.pc2seg.gui.viewer.ImageViewer;
import org.pc2seg.project.ImageItem;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Opens the main window on a fresh copy of the sample project for each test. */
@ExtendWith(ApplicationExtension.class)
abstract class WorkspaceFxTestBase {
  static {
    // a loaded CI machine needs more than TestFX's default 30 s to build the first window
    System.setProperty("testfx.setup.timeout", "120000");
  }

  @TempDir static Path tmp;
  static int copies;
  StudioWindow window;
  Path projectDir;

  /** Call from a {@code @Start} method of the concrete class (TestFX only looks there). */
  void startWindow(Stage stage) throws Exception {
    System.setProperty("pc2seg.autosaveMs", "400");
    projectDir = tmp.resolve("shapes" + copies++);
    copyTree(
        Path.of(System.getProperty("pc2seg.sample.dir", "sample-projects"), "shapes"), projectDir);
    beforeOpen(projectDir);
    window = new StudioWindow(stage);
    stage.setWidth(900);
    stage.setHeight(600);
    stage.show();
    window.openProject(projectDir);
  }

  /** Hook to change the project files before the window opens them. */
  void beforeOpen(Path dir) throws Exception {}

  @AfterEach
  void tearDown() throws Exception {
    if (window != null) {
      FxToolkit.setupFixture(() -> window.shutdown());
    }
    FxToolkit.cleanupStages();
  }

  ImageViewer viewer() {
    return window.viewer();
  }

  Workspace ws() {
    return window.workspace();
  }

  MaskEditSession session() {
    return ws().session();
  }

  /** Waits until the given image is shown. */
  void waitShown(ImageItem item) throws Exception {
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> viewer().image() != null && viewer().currentItem() == item);
    WaitForAsyncUtils.waitForFxEvents();
  }

  void focusViewer(FxRobot robot) {
    robot.interact(() -> viewer().requestFocus());
  }

  ImageItem item(int i) {
    return ws().items().get(i);
  }

  /** The first labeled training image of the list. */
  ImageItem labeledTrainItem() {
    return ws().items().stream()
        .filter(
            i ->
                i.split() == org.pc2seg.project.Split.TRAIN
                    && i.status() == org.pc2seg.project.ImageStatus.LABELED)
        .findFirst()
        .orElseThrow();
  }

  /** Screen point of an image coordinate. */
  Point2D screen(double ix, double iy) {
    Point2D v = viewer().toView(ix, iy);
    return viewer().localToScreen(v.getX(), v.getY());
  }

  void stroke(FxRobot robot, double x0, double y0, double x1, double y1) {
    robot.moveTo(screen(x0, y0));
    robot.press(javafx.scene.input.MouseButton.PRIMARY);
    robot.moveTo(screen((x0 + x1) / 2, (y0 + y1) / 2));
    robot.moveTo(screen(x1, y1));
    robot.release(javafx.scene.input.MouseButton.PRIMARY);
    WaitForAsyncUtils.waitForFxEvents();
  }

  static void copyTree(Path src, Path dst) throws Exception {
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.toList()) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
