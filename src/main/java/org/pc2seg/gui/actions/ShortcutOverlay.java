package org.pc2seg.gui.actions;

import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The F1 help overlay: every shortcut of the {@link Actions} table plus the mouse gestures, shown
 * over the window until F1, Escape or a click.
 */
public final class ShortcutOverlay extends StackPane {
  public ShortcutOverlay(Actions actions) {
    setId("shortcut-overlay");
    setStyle("-fx-background-color: rgba(0,0,0,0.55);");
    GridPane grid = new GridPane();
    grid.setHgap(18);
    grid.setVgap(3);
    int row = 0;
    int col = 0;
    for (Map.Entry<String, List<StudioAction>> e : actions.byMenu().entrySet()) {
      Label head = new Label(e.getKey());
      head.setStyle("-fx-font-weight: bold; -fx-text-fill: #9cf;");
      grid.add(head, col, row++, 2, 1);
      for (StudioAction a : e.getValue()) {
        if (a.id().name().startsWith("CLASS_")) {
          if (a.id() == ActionId.CLASS_1) {
            grid.add(key("1 … 9"), col, row);
            grid.add(text("Select class 1 … 9 (palette order)"), col + 1, row++);
          }
          continue;
        }
        if (a.accelerator() != null) {
          grid.add(key(a.shortcutText()), col, row);
          grid.add(text(a.label()), col + 1, row++);
        }
      }
      if (row > 22) {
        row = 0;
        col += 2;
      }
    }
    String[][] mouse = {
      {"Wheel", "Zoom at cursor"},
      {"Space+drag / middle-drag", "Pan"},
      {"Alt+drag", "Erase with the brush"},
      {"Double-click / Enter", "Close polygon; drag = lasso"},
      {"Esc", "Cancel polygon"}
    };
    Label head = new Label("Mouse");
    head.setStyle("-fx-font-weight: bold; -fx-text-fill: #9cf;");
    grid.add(head, col, row++, 2, 1);
    for (String[] m : mouse) {
      grid.add(key(m[0]), col, row);
      grid.add(text(m[1]), col + 1, row++);
    }
    Label title = new Label("Keyboard shortcuts — F1 or Esc to close");
    title.setStyle("-fx-font-size: 16px; -fx-text-fill: white;");
    VBox box = new VBox(10, title, grid);
    box.setPadding(new Insets(18));
    box.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
    box.setStyle("-fx-background-color: #222c; -fx-background-radius: 8;");
    setAlignment(Pos.CENTER);
    getChildren().add(box);
  }

  private static Label key(String s) {
    Label l = new Label(s);
    l.setStyle("-fx-text-fill: #ffd866; -fx-font-family: monospace;");
    return l;
  }

  private static Label text(String s) {
    Label l = new Label(s);
    l.setStyle("-fx-text-fill: white;");
    return l;
  }
}
