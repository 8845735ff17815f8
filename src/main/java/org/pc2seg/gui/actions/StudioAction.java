package org.pc2seg.gui.actions;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.input.KeyCombination;

/**
 * One declared action: where it appears, what it is called, its shortcut and, once the window binds
 * it, what it does.
 */
public final class StudioAction {
  private final ActionId id;
  private final String menu;
  private final String label;
  private final KeyCombination accelerator;
  private final boolean inMenu;
  private final BooleanProperty disabled = new SimpleBooleanProperty(false);
  private Runnable handler = () -> {};
  private boolean bound;

  StudioAction(ActionId id, String menu, String label, KeyCombination accelerator, boolean inMenu) {
    this.id = id;
    this.menu = menu;
    this.label = label;
    this.accelerator = accelerator;
    this.inMenu = inMenu;
  }

  public ActionId id() {
    return id;
  }

  /** Menu name (File, Edit, View, Tools, Image, Help). */
  public String menu() {
    return menu;
  }

  public String label() {
    return label;
  }

  /** The shortcut, or null. */
  public KeyCombination accelerator() {
    return accelerator;
  }

  /** False for alternative shortcuts that only the key handler and the help overlay show. */
  public boolean inMenu() {
    return inMenu;
  }

  /** Display text of the shortcut, e.g. "Ctrl+Z" or "B"; empty when none. */
  public String shortcutText() {
    return accelerator == null ? "" : accelerator.getDisplayText();
  }

  /** Tooltip text: label and shortcut. */
  public String tooltip() {
    return accelerator == null ? label : label + " (" + shortcutText() + ")";
  }

  public BooleanProperty disabledProperty() {
    return disabled;
  }

  public void setHandler(Runnable handler) {
    this.handler = handler;
    this.bound = true;
  }

  /**
   * Whether a handler was set. The key dispatcher skips unbound actions, so a shortcut of a feature
   * that is not installed (e.g. Enter for "Accept prediction") still reaches the focused node.
   */
  public boolean isBound() {
    return bound;
  }

  /** Runs the action unless it is disabled. */
  public void fire() {
    if (!disabled.get()) {
      handler.run();
    }
  }
}
