package org.pc2seg.gui.training;

import javafx.scene.Node;
import org.pc2seg.gui.Workspace;
import org.pc2seg.gui.overlay.HeatmapOverlay;
import org.pc2seg.gui.viewer.ViewerTool;
import org.pc2seg.project.ImageItem;

/**
 * Heat-map mode: clicks on the viewer pick the anchor pixel whose negative draws the heat-map pane
 * shows, and the painting panes beside the Model section make room for it. Leaving the mode gives
 * the viewer back the tool it had and brings the panes back.
 */
final class HeatmapMode {
  private final Workspace ws;
  private final HeatmapOverlay overlay;
  private final HeatmapTool tool;
  private Node section;
  private ViewerTool toolBefore;

  HeatmapMode(Workspace ws, HeatmapPane pane, HeatmapOverlay overlay) {
    this.ws = ws;
    this.overlay = overlay;
    this.tool =
        new HeatmapTool(
            (x, y) -> {
              ImageItem item = ws.viewer().currentItem();
              if (item != null) {
                pane.anchor(item, x, y);
              }
            });
  }

  /** The right-pane section that stays visible in heat-map mode (its siblings are hidden). */
  void setSection(Node section) {
    this.section = section;
  }

  void set(boolean on) {
    hideSiblings(on);
    if (on) {
      toolBefore = ws.viewer().toolProperty().get();
      ws.viewer().toolProperty().set(tool);
      ws.messageProperty()
          .set("Heat-map mode: click a pixel to see where its negatives are drawn.");
    } else {
      ws.messageProperty().set("Heat-map mode off.");
      overlay.clear();
      if (ws.viewer().toolProperty().get() == tool) {
        ws.viewer().toolProperty().set(toolBefore);
      }
    }
  }

  private void hideSiblings(boolean hide) {
    if (section == null || section.getParent() == null) {
      return;
    }
    for (Node n : section.getParent().getChildrenUnmodifiable()) {
      if (n != section) {
        n.setVisible(!hide);
        n.setManaged(!hide);
      }
    }
  }
}
