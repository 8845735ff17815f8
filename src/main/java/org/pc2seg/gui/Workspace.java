package org.pc2seg.gui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import org.pc2seg.edit.JournalRecovery;
import org.pc2seg.edit.MaskEditSession;
import org.pc2seg.edit.Rect;
import org.pc2seg.gui.tools.ToolContext;
import org.pc2seg.gui.viewer.ImageViewer;
import org.pc2seg.gui.viewer.TiledLayer;
import org.pc2seg.gui.viewer.ViewedImage;
import org.pc2seg.image.ImageFormatException;
import org.pc2seg.image.IndexMask;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.MaskStore;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;

/**
 * The state behind the window: the open project, the shown image, the selected class and brush, and
 * the mask saving (autosave after {@code pc2seg.autosaveMs} ms of no editing, default 2000, on
 * image switch and on close). Panes observe its properties; it knows no pane.
 */
public final class Workspace implements ToolContext {
  private final ImageViewer viewer;
  private final BackgroundTasks tasks;
  private final ObjectProperty<Project> project = new SimpleObjectProperty<>();
  private final ObservableList<ImageItem> items = FXCollections.observableArrayList();
  private final IntegerProperty selectedClass = new SimpleIntegerProperty(1);
  private final DoubleProperty brushSize = new SimpleDoubleProperty(12);
  private final DoubleProperty overlayOpacity = new SimpleDoubleProperty(0.5);
  private final BooleanProperty overlayVisible = new SimpleBooleanProperty(true);
  private final ReadOnlyBooleanWrapper unsaved = new ReadOnlyBooleanWrapper(false);
  private final StringProperty message = new SimpleStringProperty("");
  private final IntegerProperty statusVersion = new SimpleIntegerProperty();
  private final ImageCache cache = new ImageCache(3);
  private final PauseTransition autosave;
  private MaskSaver saver;
  private ImageItem requested;
  private String lastRecovery = "";
  private volatile long loadGeneration;

  public Workspace(ImageViewer viewer, BackgroundTasks tasks) {
    this.viewer = viewer;
    this.tasks = tasks;
    autosave = new PauseTransition(Duration.millis(Long.getLong("pc2seg.autosaveMs", 2000)));
    autosave.setOnFinished(
        e -> {
          MaskEditSession s = session();
          if (s != null && s.inStroke()) {
            autosave.playFromStart(); // never save half a stroke; try again after it
          } else {
            save();
          }
        });
  }

  /** Opens a project: recovers journaled strokes, then shows the first image. */
  public void open(Path dir) throws IOException {
    Project p = ProjectStore.open(dir);
    JournalRecovery.Report report = JournalRecovery.recover(p);
    close();
    saver = new MaskSaver(p, this::error, this::refreshUnsaved);
    p.addListener(x -> Platform.runLater(this::refreshItems));
    project.set(p);
    items.setAll(p.items());
    StringBuilder msg =
        new StringBuilder("Opened " + p.name() + ": " + p.items().size() + " images.");
    lastRecovery = report.isEmpty() ? "" : report.message();
    if (!report.isEmpty()) {
      msg.append(' ').append(report.message());
    }
    if (!p.problems().isEmpty()) {
      msg.append(' ')
          .append(p.problems().size())
          .append(" problem(s), e.g. ")
          .append(p.problems().get(0));
    }
    message.set(msg.toString());
    if (!p.classes().isEmpty() && !p.isClassId(selectedClass.get())) {
      selectedClass.set(p.classes().get(Math.min(1, p.classes().size() - 1)).id());
    }
    viewer.setImage(null);
    requested = null;
    if (!items.isEmpty()) {
      show(items.get(0));
    }
  }

  /** Writes project.json now (e.g. after the active model changed); errors go to the status. */
  public void saveProject() {
    Project p = project.get();
    if (p == null) {
      return;
    }
    try {
      ProjectStore.save(p);
    } catch (IOException e) {
      error("Could not save the project file: " + e.getMessage());
    }
  }

  /** Saves everything and lets go of the project (on exit or before opening another). */
  public void close() {
    if (saver != null) {
      leaveRequested();
      saver.close();
      saver = null;
      Project p = project.get();
      try {
        ProjectStore.save(p);
      } catch (IOException e) {
        error(e.getMessage());
      }
    }
    cache.clear();
  }

  /** Switches to an image: the shown one is saved, the new one decoded in the background. */
  public void show(ImageItem item) {
    if (item == null || item == requested || saver == null) {
      return;
    }
    leaveRequested();
    requested = item;
    long gen = ++loadGeneration;
    Project p = project.get();
    Optional<MaskEditSession> live = saver.live(item);
    tasks.execute(
        () -> {
          try {
            BufferedImage rgb = cache.get(p.imageFile(item));
            IndexMask mask = null;
            String problem = null;
            if (live.isEmpty()) {
              try {
                mask = MaskStore.read(p, item).orElse(null);
              } catch (ImageFormatException e) {
                problem = "Mask is corrupt, image is read-only: " + e.getMessage();
              }
            }
            IndexMask m = mask;
            String prob = problem;
            TiledLayer layer = gen == loadGeneration ? ImageViewer.imageLayer(rgb) : null;
            Platform.runLater(() -> shown(gen, item, rgb, layer, m, prob));
          } catch (IOException | RuntimeException e) {
            Platform.runLater(
                () -> {
                  if (gen == loadGeneration) {
                    viewer.setImage(null);
                    error("Cannot open " + item.path() + ": " + e.getMessage());
                  }
                });
          }
        });
  }

  private void shown(
      long gen,
      ImageItem item,
      BufferedImage rgb,
      TiledLayer layer,
      IndexMask mask,
      String problem) {
    if (gen != loadGeneration || saver == null || layer == null) {
      return;
    }
    MaskEditSession s = null;
    if (problem == null) {
      s =
          saver
              .live(item)
              .orElseGet(
                  () ->
                      saver.open(
                          item,
                          mask != null ? mask : IndexMask.blank(rgb.getWidth(), rgb.getHeight())));
      saver.open(item, s.mask());
    }
    viewer.setImage(new ViewedImage(item, rgb, s, problem), layer);
    if (problem != null) {
      error(problem);
    }
    refreshUnsaved();
    int i = items.indexOf(item);
    if (i >= 0 && i + 1 < items.size()) {
      Path next = project.get().imageFile(items.get(i + 1));
      tasks.execute(
          () -> {
            try {
              cache.get(next);
            } catch (IOException | RuntimeException ignored) {
              // shown as an error when the user gets there
            }
          });
    }
  }

  /** Before moving off the image on show: its open stroke is committed and its mask saved. */
  private void leaveRequested() {
    autosave.stop();
    finishOpenStroke();
    if (requested != null) {
      saver.leave(requested);
    }
  }

  /** A stroke still open (key pressed mid-drag) is committed so it is journaled and undoable. */
  private void finishOpenStroke() {
    MaskEditSession s = session();
    if (s != null && s.inStroke()) {
      s.endStroke();
    }
  }

  /** Saves the shown image's mask now (Ctrl+S). */
  public void save() {
    autosave.stop();
    finishOpenStroke();
    if (saver != null && requested != null) {
      saver.save(requested);
      refreshUnsaved();
    }
  }

  public void undo() {
    MaskEditSession s = session();
    if (s != null) {
      s.undo().ifPresent(this::edited);
    }
  }

  public void redo() {
    MaskEditSession s = session();
    if (s != null) {
      s.redo().ifPresent(this::edited);
    }
  }

  private void edited(Rect r) {
    viewer.repaint(r);
    strokeFinished();
  }

  /** Waits for queued mask writes (tests, exit). */
  public boolean awaitSaves(long millis) {
    return saver == null || saver.awaitSaves(millis);
  }

  /** Drops sessions and histories and reloads the shown image (after masks changed on disk). */
  public void reloadAfterClassChange() {
    if (saver != null) {
      saver.forgetAll();
    }
    ImageItem item = requested;
    requested = null;
    show(item);
  }

  /** Saves every unsaved mask and waits (before the class table rewrites masks). */
  public void saveAllAndWait() {
    if (saver != null) {
      saver.saveAll();
      saver.awaitSaves(60_000);
    }
  }

  // ToolContext

  @Override
  public MaskEditSession session() {
    ViewedImage img = viewer.image();
    return img == null ? null : img.session();
  }

  @Override
  public int selectedClass() {
    return selectedClass.get();
  }

  @Override
  public double brushSize() {
    return brushSize.get();
  }

  @Override
  public void repaint(Rect region) {
    viewer.repaint(region);
  }

  @Override
  public void strokeFinished() {
    refreshUnsaved();
    autosave.playFromStart();
  }

  private void refreshUnsaved() {
    unsaved.set(saver != null && saver.hasUnsaved());
  }

  private void refreshItems() {
    Project p = project.get();
    if (p != null) {
      syncItems(p.items());
    }
    statusVersion.set(statusVersion.get() + 1);
  }

  /** Brings the list in line with the project's after images were added or removed. */
  private void syncItems(List<ImageItem> now) {
    if (now.equals(items)) {
      return; // ImageItem keeps identity equality: same images in the same order
    }
    Set<ImageItem> keep = Collections.newSetFromMap(new IdentityHashMap<>());
    keep.addAll(now);
    items.removeIf(i -> !keep.contains(i));
    Set<ImageItem> have = Collections.newSetFromMap(new IdentityHashMap<>());
    have.addAll(items);
    items.addAll(now.stream().filter(i -> !have.contains(i)).toList());
  }

  /**
   * Lets go of an image about to leave the project: when it is the one on screen, its mask is saved
   * and the viewer shows nothing (callers first move to another image when there is one).
   */
  public void release(ImageItem item) {
    if (item == null || item != requested || saver == null) {
      return;
    }
    leaveRequested();
    requested = null;
    loadGeneration++;
    viewer.setImage(null);
    refreshUnsaved();
  }

  /** Increments whenever image statuses or the class table may have changed. */
  public javafx.beans.property.ReadOnlyIntegerProperty statusVersionProperty() {
    return statusVersion;
  }

  private void error(String text) {
    message.set(text);
  }

  public ImageViewer viewer() {
    return viewer;
  }

  public BackgroundTasks tasks() {
    return tasks;
  }

  public ObjectProperty<Project> projectProperty() {
    return project;
  }

  public Project project() {
    return project.get();
  }

  /** The project's images in project order (the list pane filters and sorts a view of it). */
  public ObservableList<ImageItem> items() {
    return items;
  }

  public IntegerProperty selectedClassProperty() {
    return selectedClass;
  }

  public DoubleProperty brushSizeProperty() {
    return brushSize;
  }

  public DoubleProperty overlayOpacityProperty() {
    return overlayOpacity;
  }

  public BooleanProperty overlayVisibleProperty() {
    return overlayVisible;
  }

  public ReadOnlyBooleanProperty unsavedProperty() {
    return unsaved.getReadOnlyProperty();
  }

  public StringProperty messageProperty() {
    return message;
  }

  /** What journal recovery did when the project was opened ("" when nothing was left over). */
  public String lastRecovery() {
    return lastRecovery;
  }

  /** The image most recently asked for (shown, or still loading). */
  public ImageItem requestedItem() {
    return requested;
  }
}
