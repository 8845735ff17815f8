package org.pc2seg.gui.actions;

import java.util.List;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;

/** Builds menus and toolbar buttons from the {@link Actions} table. */
public final class MenuFactory {
  private MenuFactory() {}

  /**
   * A menu bar with every in-menu action, in table order, a separator above each action that starts
   * a group, and the {@code after} items (say, a submenu of recent projects) right below the action
   * they are keyed by.
   */
  public static MenuBar menuBar(Actions actions, Map<ActionId, List<MenuItem>> after) {
    MenuBar bar = new MenuBar();
    for (Map.Entry<String, List<StudioAction>> e : actions.byMenu().entrySet()) {
      Menu menu = new Menu(e.getKey());
      for (StudioAction a : e.getValue()) {
        if (!a.inMenu()) {
          continue;
        }
        if (actions.startsGroup(a.id()) && !menu.getItems().isEmpty()) {
          menu.getItems().add(new SeparatorMenuItem());
        }
        menu.getItems().add(item(a));
        menu.getItems().addAll(after.getOrDefault(a.id(), List.of()));
      }
      bar.getMenus().add(menu);
    }
    return bar;
  }

  /** A menu item; its accelerator shows the shortcut (key presses reach it via the table). */
  public static MenuItem item(StudioAction a) {
    MenuItem item = new MenuItem(a.label());
    item.setAccelerator(a.accelerator());
    item.setOnAction(e -> a.fire());
    item.disableProperty().bind(a.disabledProperty());
    item.setId("menu-" + a.id().name().toLowerCase(java.util.Locale.ROOT));
    return item;
  }

  /** A context menu of these actions; {@code null} puts a separator. */
  public static ContextMenu contextMenu(Actions actions, ActionId... ids) {
    ContextMenu menu = new ContextMenu();
    for (ActionId id : ids) {
      if (id == null) {
        menu.getItems().add(new SeparatorMenuItem());
        continue;
      }
      MenuItem item = item(actions.get(id));
      item.setId("context-" + id.name().toLowerCase(java.util.Locale.ROOT));
      menu.getItems().add(item);
    }
    return menu;
  }

  /** A toolbar button whose tooltip names the shortcut. */
  public static Button button(StudioAction a, String text) {
    Button b = new Button(text);
    b.setTooltip(new Tooltip(a.tooltip()));
    b.setOnAction(e -> a.fire());
    b.disableProperty().bind(a.disabledProperty());
    b.setFocusTraversable(false);
    b.setId("tool-" + a.id().name().toLowerCase(java.util.Locale.ROOT));
    return b;
  }
}
