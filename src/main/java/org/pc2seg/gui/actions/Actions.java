package org.pc2seg.gui.actions;

import static javafx.scene.input.KeyCombination.SHIFT_DOWN;
import static javafx.scene.input.KeyCombination.SHORTCUT_DOWN;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The one table of actions and shortcuts. Menus ({@link MenuFactory}), toolbar tooltips and the F1
 * overlay ({@link ShortcutOverlay}) read it; {@link #install(Scene)} dispatches key presses to it.
 * Plain-key shortcuts (B, E, 1..9, ...) are ignored while a text field has focus, so typing in the
 * filter box does not switch tools.
 */
public final class Actions {
  private final Map<ActionId, StudioAction> table = new EnumMap<>(ActionId.class);

  /** Actions that open a new group of their menu: a separator goes above them. */
  private static final EnumSet<ActionId> GROUP_STARTS =
      EnumSet.of(
          ActionId.SAVE,
          ActionId.QUIT,
          ActionId.ZOOM_FIT,
          ActionId.BRUSH_SMALLER,
          ActionId.TOGGLE_VALIDATION,
          ActionId.LABEL_NEXT,
          ActionId.ACCEPT_PREDICTION);

  public Actions() {
    add(ActionId.NEW_PROJECT, "File", "New project from image folder…", shortcut(KeyCode.N));
    add(ActionId.OPEN_PROJECT, "File", "Open project…", shortcut(KeyCode.O));
    add(ActionId.IMPORT_VOC, "File", "Import VOC dataset…", null);
    add(ActionId.ADD_IMAGES, "File", "Add images…", shortcut(KeyCode.I));
    add(ActionId.SAVE, "File", "Save", shortcut(KeyCode.S));
    add(ActionId.QUIT, "File", "Quit", shortcut(KeyCode.Q));
    add(ActionId.UNDO, "Edit", "Undo", shortcut(KeyCode.Z));
    add(
        ActionId.REDO,
        "Edit",
        "Redo",
        new KeyCodeCombination(KeyCode.Z, SHORTCUT_DOWN, SHIFT_DOWN));
    alt(ActionId.REDO_ALT, "Edit", "Redo", shortcut(KeyCode.Y));
    add(ActionId.BRUSH, "Tools", "Brush", key(KeyCode.B));
    add(ActionId.ERASER, "Tools", "Eraser (or hold Alt)", key(KeyCode.E));
    add(ActionId.FILL, "Tools", "Flood fill", key(KeyCode.F));
    add(ActionId.POLYGON, "Tools", "Polygon / lasso fill", key(KeyCode.P));
    add(ActionId.BRUSH_SMALLER, "Tools", "Smaller brush", key(KeyCode.OPEN_BRACKET));
    add(ActionId.BRUSH_LARGER, "Tools", "Larger brush", key(KeyCode.CLOSE_BRACKET));
    add(ActionId.TOGGLE_OVERLAY, "View", "Show/hide mask overlay", key(KeyCode.C));
    add(ActionId.ZOOM_FIT, "View", "Fit image", key(KeyCode.DIGIT0));
    add(ActionId.ZOOM_ONE, "View", "Zoom 1:1", shortcut(KeyCode.DIGIT1));
    add(ActionId.ZOOM_IN, "View", "Zoom in", key(KeyCode.EQUALS));
    add(ActionId.ZOOM_OUT, "View", "Zoom out", key(KeyCode.MINUS));
    add(ActionId.NEXT_IMAGE, "Image", "Next image", key(KeyCode.D));
    alt(ActionId.NEXT_IMAGE_ALT, "Image", "Next image", key(KeyCode.PAGE_DOWN));
    add(ActionId.PREVIOUS_IMAGE, "Image", "Previous image", key(KeyCode.A));
    alt(ActionId.PREVIOUS_IMAGE_ALT, "Image", "Previous image", key(KeyCode.PAGE_UP));
    add(
        ActionId.TOGGLE_VALIDATION,
        "Image",
        "Validation image (held out of training) on/off",
        key(KeyCode.V));
    add(ActionId.REMOVE_IMAGE, "Image", "Remove from project…", key(KeyCode.DELETE));
    KeyCode[] digits = {
      KeyCode.DIGIT1,
      KeyCode.DIGIT2,
      KeyCode.DIGIT3,
      KeyCode.DIGIT4,
      KeyCode.DIGIT5,
      KeyCode.DIGIT6,
      KeyCode.DIGIT7,
      KeyCode.DIGIT8,
      KeyCode.DIGIT9
    };
    for (int i = 0; i < 9; i++) {
      alt(ActionId.valueOf("CLASS_" + (i + 1)), "Tools", "Select class " + (i + 1), key(digits[i]));
    }
    add(ActionId.SHORTCUTS, "Help", "Keyboard shortcuts", key(KeyCode.F1));
    add(ActionId.ABOUT, "Help", "About PC²Seg Studio", null);
    add(ActionId.EXPORT, "File", "Export…", shortcut(KeyCode.E));
    add(ActionId.TRAIN, "Train", "Train", shortcut(KeyCode.T));
    add(ActionId.STOP_TRAINING, "Train", "Stop training", null);
    add(
        ActionId.TRAINING_MONITOR,
        "Train",
        "Training charts and runs…",
        new KeyCodeCombination(KeyCode.T, SHORTCUT_DOWN, SHIFT_DOWN));
    add(ActionId.CYCLE_OVERLAY, "View", "Overlay: mask / prediction / both / none", key(KeyCode.O));
    add(ActionId.ACCEPT_PREDICTION, "Train", "Accept prediction", key(KeyCode.ENTER));
    add(ActionId.HEATMAP_MODE, "Train", "Negative-sample heat-map mode", key(KeyCode.H));
    add(ActionId.LABEL_NEXT, "Image", "Label next (top suggestion)", key(KeyCode.N));
  }

  private static KeyCombination key(KeyCode c) {
    return new KeyCodeCombination(c);
  }

  private static KeyCombination shortcut(KeyCode c) {
    return new KeyCodeCombination(c, SHORTCUT_DOWN);
  }

  private void add(ActionId id, String menu, String label, KeyCombination k) {
    table.put(id, new StudioAction(id, menu, label, k, true));
  }

  private void alt(ActionId id, String menu, String label, KeyCombination k) {
    table.put(id, new StudioAction(id, menu, label, k, false));
  }

  public StudioAction get(ActionId id) {
    return table.get(id);
  }

  /** Binds an action to its handler. */
  public void on(ActionId id, Runnable handler) {
    table.get(id).setHandler(handler);
  }

  /** Whether a separator goes above this action in its menu. */
  public boolean startsGroup(ActionId id) {
    return GROUP_STARTS.contains(id);
  }

  public List<StudioAction> all() {
    return Collections.unmodifiableList(new ArrayList<>(table.values()));
  }

  /** Actions grouped by menu, in menu order. */
  public Map<String, List<StudioAction>> byMenu() {
    Map<String, List<StudioAction>> m = new LinkedHashMap<>();
    for (String menu : List.of("File", "Edit", "View", "Tools", "Image", "Train", "Help")) {
      m.put(menu, new ArrayList<>());
    }
    for (StudioAction a : table.values()) {
      m.get(a.menu()).add(a);
    }
    return m;
  }

  /** Dispatches key presses of the scene to the table. */
  public void install(Scene scene) {
    scene.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          boolean plain = !e.isShortcutDown() && !e.isAltDown() && !e.isMetaDown();
          if (plain && scene.getFocusOwner() instanceof TextInputControl) {
            return;
          }
          for (StudioAction a : table.values()) {
            if (a.accelerator() != null && a.isBound() && a.accelerator().match(e)) {
              e.consume();
              a.fire();
              return;
            }
          }
        });
    // Keys typed into a text field must not reach the menu accelerators either.
    scene.addEventHandler(
        KeyEvent.KEY_PRESSED,
        e -> {
          boolean plain = !e.isShortcutDown() && !e.isAltDown() && !e.isMetaDown();
          if (plain && scene.getFocusOwner() instanceof TextInputControl) {
            e.consume();
          }
        });
  }
}
