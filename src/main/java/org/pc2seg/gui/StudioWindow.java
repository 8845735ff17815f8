package org.pc2seg.gui;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.pc2seg.gui.actions.ActionId;
import org.pc2seg.gui.actions.Actions;
import org.pc2seg.gui.actions.MenuFactory;
import org.pc2seg.gui.actions.ShortcutOverlay;
import org.pc2seg.gui.actions.StudioAction;
import org.pc2seg.gui.panes.ClassPalettePane;
import org.pc2seg.gui.panes.ImageListPane;
import org.pc2seg.gui.panes.StatusBar;
import org.pc2seg.gui.panes.ToolOptionsPane;
import org.pc2seg.gui.tools.BrushTool;
import org.pc2seg.gui.tools.FillTool;
import org.pc2seg.gui.tools.PolygonTool;
import org.pc2seg.gui.viewer.ImageViewer;
import org.pc2seg.gui.viewer.MaskOverlay;
import org.pc2seg.gui.viewer.ViewerTool;
import org.pc2seg.project.LabelClass;
import org.pc2seg.project.Project;

/**
 * The main window. It only assembles panes and binds the {@link Actions} table to the {@link
 * Workspace}; other features add panes with {@link #addRightPane} and overlays through {@link
 * #viewer()}.
 */
public final class StudioWindow {
  private final Stage stage;
  private final Actions actions = new Actions();
  private final BackgroundTasks tasks = new BackgroundTasks();
  private final ImageViewer viewer = new ImageViewer();
  private final Workspace ws = new Workspace(viewer, tasks);
  private final MaskOverlay maskOverlay = new MaskOverlay();
  private final BrushTool brush = new BrushTool(ws, false);
  private final BrushTool eraser = new BrushTool(ws, true);
  private final FillTool fill = new FillTool(ws);
  private final PolygonTool polygon = new PolygonTool(ws);
  private final VBox right = new VBox(8);
  private final StackPane centre = new StackPane();
  private final RecentProjects recent =
      new RecentProjects(
          org.pc2seg.project.SampleProjects.userDataDir().resolve("recent-projects.txt"));
  private final Menu recentMenu = new Menu("Recent projects");
  private final ImageListPane list;
  private final ClassPalettePane palette;
  private ShortcutOverlay help;
  private final ProjectDialogs dialogs;
  private final ProjectImages images;

  public StudioWindow(Stage stage) {
    this.stage = stage;
    viewer.addOverlay(maskOverlay);
    maskOverlay.node().opacityProperty().bind(ws.overlayOpacityProperty());
    maskOverlay.node().visibleProperty().bind(ws.overlayVisibleProperty());
    ws.projectProperty().addListener((o, a, p) -> projectChanged(p));
    ws.statusVersionProperty().addListener((o, a, b) -> recolor());
    viewer.toolProperty().set(brush);

    list = new ImageListPane(ws);
    Map<ViewerTool, StudioAction> tools = new LinkedHashMap<>();
    tools.put(brush, actions.get(ActionId.BRUSH));
    tools.put(eraser, actions.get(ActionId.ERASER));
    tools.put(fill, actions.get(ActionId.FILL));
    tools.put(polygon, actions.get(ActionId.POLYGON));
    palette = new ClassPalettePane(ws);
    right.getChildren().addAll(palette, new ToolOptionsPane(ws, tools));
    right.setPrefWidth(240);
    right.setMinWidth(200);
    centre.getChildren().add(viewer);

    dialogs = new ProjectDialogs(stage, tasks, this::openProject);
    images = new ProjectImages(stage, ws, list, this::openProject);
    // right-click selects a row (and shows its image), then offers what acts on the shown image
    list.listView()
        .setContextMenu(
            MenuFactory.contextMenu(
                actions,
                ActionId.TOGGLE_VALIDATION,
                ActionId.ACCEPT_PREDICTION,
                null,
                ActionId.REMOVE_IMAGE));
    bindActions(dialogs);
    BorderPane root = new BorderPane();
    root.setTop(
        new VBox(
            MenuFactory.menuBar(actions, Map.of(ActionId.OPEN_PROJECT, List.of(recentMenu))),
            toolBar()));
    // on a short screen (a 768-pixel laptop) the right-hand panes scroll instead of being squeezed
    ScrollPane rightScroll = new ScrollPane(right);
    rightScroll.setId("right-panes");
    rightScroll.setFitToWidth(true);
    rightScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    rightScroll.setMinWidth(200);
    SplitPane split = new SplitPane(list, centre, rightScroll);
    split.setDividerPositions(0.19, 0.82);
    SplitPane.setResizableWithParent(list, false);
    SplitPane.setResizableWithParent(rightScroll, false);
    root.setCenter(split);
    root.setBottom(new StatusBar(ws));
    Scene scene = new Scene(root, 1400, 860);
    actions.install(scene);
    images.acceptDrops(scene);
    scene.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ESCAPE && help != null) {
            toggleHelp();
            e.consume();
          }
        });
    stage.setScene(scene);
    stage.setTitle("PC²Seg Studio");
    stage.setOnCloseRequest(e -> shutdown());
    refreshRecent();
  }

  private ToolBar toolBar() {
    return new ToolBar(
        MenuFactory.button(actions.get(ActionId.OPEN_PROJECT), "Open"),
        MenuFactory.button(actions.get(ActionId.SAVE), "Save"),
        new Separator(),
        MenuFactory.button(actions.get(ActionId.UNDO), "Undo"),
        MenuFactory.button(actions.get(ActionId.REDO), "Redo"),
        new Separator(),
        MenuFactory.button(actions.get(ActionId.PREVIOUS_IMAGE), "◀ Prev"),
        MenuFactory.button(actions.get(ActionId.NEXT_IMAGE), "Next ▶"),
        new Separator(),
        MenuFactory.button(actions.get(ActionId.ZOOM_FIT), "Fit"),
        MenuFactory.button(actions.get(ActionId.ZOOM_ONE), "1:1"),
        new Separator(),
        MenuFactory.button(actions.get(ActionId.SHORTCUTS), "Shortcuts"));
  }

  private void bindActions(ProjectDialogs dialogs) {
    actions.on(ActionId.NEW_PROJECT, dialogs::newProject);
    actions.on(ActionId.OPEN_PROJECT, dialogs::openProject);
    actions.on(ActionId.IMPORT_VOC, dialogs::importVoc);
    actions.on(ActionId.ADD_IMAGES, images::chooseAndAdd);
    actions.on(ActionId.REMOVE_IMAGE, images::removeTargets);
    actions.on(ActionId.SAVE, ws::save);
    actions.on(
        ActionId.QUIT,
        () -> {
          shutdown();
          stage.close();
        });
    actions.on(ActionId.UNDO, ws::undo);
    actions.on(ActionId.REDO, ws::redo);
    actions.on(ActionId.REDO_ALT, ws::redo);
    actions.on(ActionId.BRUSH, () -> viewer.toolProperty().set(brush));
    actions.on(ActionId.ERASER, () -> viewer.toolProperty().set(eraser));
    actions.on(ActionId.FILL, () -> viewer.toolProperty().set(fill));
    actions.on(ActionId.POLYGON, () -> viewer.toolProperty().set(polygon));
    actions.on(ActionId.BRUSH_SMALLER, () -> scaleBrush(1 / 1.25));
    actions.on(ActionId.BRUSH_LARGER, () -> scaleBrush(1.25));
    actions.on(
        ActionId.TOGGLE_OVERLAY,
        () -> ws.overlayVisibleProperty().set(!ws.overlayVisibleProperty().get()));
    actions.on(ActionId.ZOOM_FIT, viewer::fit);
    actions.on(ActionId.ZOOM_ONE, viewer::zoomOne);
    actions.on(
        ActionId.ZOOM_IN, () -> viewer.zoomAt(1.25, viewer.getWidth() / 2, viewer.getHeight() / 2));
    actions.on(
        ActionId.ZOOM_OUT, () -> viewer.zoomAt(0.8, viewer.getWidth() / 2, viewer.getHeight() / 2));
    actions.on(ActionId.NEXT_IMAGE, () -> list.step(1));
    actions.on(ActionId.NEXT_IMAGE_ALT, () -> list.step(1));
    actions.on(ActionId.PREVIOUS_IMAGE, () -> list.step(-1));
    actions.on(ActionId.PREVIOUS_IMAGE_ALT, () -> list.step(-1));
    actions.on(ActionId.TOGGLE_VALIDATION, () -> ValidationSplit.toggle(ws, list.targets()));
    for (int i = 1; i <= 9; i++) {
      int index = i - 1;
      actions.on(ActionId.valueOf("CLASS_" + i), () -> selectClassAt(index));
    }
    actions.on(ActionId.SHORTCUTS, this::toggleHelp);
    actions.on(
        ActionId.ABOUT,
        () ->
            AboutDialog.show(
                stage,
                org.pc2seg.project.SampleProjects.userDataDir(),
                ws.project() == null ? null : ws.project().root()));
  }

  private void scaleBrush(double f) {
    double s = ws.brushSize() * f;
    s = f > 1 ? Math.max(ws.brushSize() + 1, s) : Math.min(ws.brushSize() - 1, s);
    ws.brushSizeProperty().set(Math.max(1, Math.min(200, Math.round(s))));
  }

  private void selectClassAt(int index) {
    Project p = ws.project();
    if (p != null && index < p.classes().size()) {
      ws.selectedClassProperty().set(p.classes().get(index).id());
    }
  }

  private void toggleHelp() {
    if (help != null) {
      centre.getChildren().remove(help);
      help = null;
    } else {
      help = new ShortcutOverlay(actions);
      help.setOnMouseClicked(e -> toggleHelp());
      centre.getChildren().add(help);
    }
  }

  private void projectChanged(Project p) {
    recolor();
    stage.setTitle(p == null ? "PC²Seg Studio" : "PC²Seg Studio — " + p.name() + " — " + p.root());
  }

  private void recolor() {
    Project p = ws.project();
    maskOverlay.setClasses(p == null ? List.<LabelClass>of() : p.classes());
  }

  /** Opens a project folder, reporting a failure in the status bar. */
  public void openProject(Path dir) {
    try {
      ws.open(dir);
      if (!ws.lastRecovery().isEmpty()) {
        showRecovery(ws.lastRecovery());
      }
      recent.add(dir);
      refreshRecent();
    } catch (java.io.IOException | RuntimeException e) {
      ws.messageProperty().set("Cannot open project " + dir + ": " + e.getMessage());
      if (java.nio.file.Files.isDirectory(dir)
          && !java.nio.file.Files.exists(dir.resolve(Project.FILE))) {
        offerProject(dir, e.getMessage());
      } else {
        showOpenFailure(dir, e.getMessage(), org.pc2seg.project.ProjectStore.hasBackup(dir));
      }
    }
  }

  /**
   * A folder without project.json: when it holds images, offers to make a project of them (the
   * folder is surveyed off the FX thread); otherwise says it is not a project.
   */
  private void offerProject(Path dir, String why) {
    tasks.execute(
        () -> {
          org.pc2seg.project.ImageFolderSurvey survey;
          try {
            survey = org.pc2seg.project.ImageFolderSurvey.of(dir);
          } catch (java.io.IOException | RuntimeException e) {
            survey = null;
          }
          org.pc2seg.project.ImageFolderSurvey s = survey;
          Platform.runLater(
              () -> {
                if (s == null || s.images() == 0) {
                  showOpenFailure(dir, why, false);
                } else {
                  ws.messageProperty()
                      .set(dir.getFileName() + " is not a project yet; it holds " + s.describe());
                  NotAProjectDialog.show(
                      stage, s, dialogs::createInImageFolder, dialogs::newProjectFrom);
                }
              });
        });
  }

  /** The open-failure dialog; its restore button puts the backup back and opens the project. */
  private void showOpenFailure(Path dir, String why, boolean backup) {
    OpenFailureDialog.show(
        stage,
        dir,
        why,
        backup,
        d -> {
          try {
            Path kept = org.pc2seg.project.ProjectStore.restoreBackup(d);
            openProject(d);
            ws.messageProperty()
                .set(
                    "Restored the previous project.json; the damaged one is " + kept.getFileName());
          } catch (java.io.IOException | RuntimeException ex) {
            ws.messageProperty().set("Cannot restore " + d + ": " + ex.getMessage());
            showOpenFailure(d, ex.getMessage(), false);
          }
        });
  }

  private void showRecovery(String text) {
    javafx.scene.control.Alert a =
        new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION, text);
    a.initOwner(stage);
    a.initModality(javafx.stage.Modality.NONE);
    a.setHeaderText("Unsaved work from the last session was recovered");
    a.setX(stage.getX() + 30);
    a.setY(stage.getY() + 90);
    a.getDialogPane().setMaxWidth(420);
    a.show();
  }

  private void refreshRecent() {
    recentMenu.getItems().clear();
    for (Path p : recent.list()) {
      MenuItem item = new MenuItem(p.toString());
      item.setOnAction(e -> openProject(p));
      recentMenu.getItems().add(item);
    }
    recentMenu.setDisable(recentMenu.getItems().isEmpty());
  }

  /** Saves everything and stops background work (window closing). */
  public void shutdown() {
    ws.close();
    tasks.shutdown();
  }

  /**
   * Calls {@code l} on the FX thread with the images each addition (Add images…, a drop) brought
   * into the open project, after project.json is saved.
   */
  public void onImagesAdded(java.util.function.Consumer<List<org.pc2seg.project.ImageItem>> l) {
    images.onAdded(l);
  }

  /**
   * What dropping files on the window does: a project folder opens; other files and folders are
   * added to the open project.
   */
  public void drop(List<Path> filesOrFolders) {
    images.dropped(filesOrFolders);
  }

  /** Adds a pane (e.g. Train) under the class palette and tool options. */
  public void addRightPane(javafx.scene.Node pane) {
    right.getChildren().add(pane);
  }

  public Stage stage() {
    return stage;
  }

  public ImageViewer viewer() {
    return viewer;
  }

  public Workspace workspace() {
    return ws;
  }

  public Actions actions() {
    return actions;
  }

  public ImageListPane imageList() {
    return list;
  }

  public ClassPalettePane classPalette() {
    return palette;
  }

  public MaskOverlay maskOverlay() {
    return maskOverlay;
  }

  public PolygonTool polygonTool() {
    return polygon;
  }
}
