package org.pc2seg.gui;

import java.util.List;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.Project;
import org.pc2seg.project.Split;

/**
 * Image → Validation image (V): moves the image on screen, or the selected rows, between training
 * and validation. Labeled validation images are held out of training and give the validation mIoU
 * that the training monitor charts and that picks a run's best model; a project made from a folder
 * starts with none.
 */
final class ValidationSplit {
  private ValidationSplit() {}

  /**
   * Moves {@code items} (the image on show first among them) to validation, or back to training
   * when the image on show is a validation image already; saves the project and says what changed.
   */
  static void toggle(Workspace ws, List<ImageItem> items) {
    Project p = ws.project();
    ImageItem shown = ws.requestedItem();
    if (p == null || shown == null || items.isEmpty()) {
      ws.messageProperty().set("Open an image to move it between training and validation.");
      return;
    }
    boolean toVal = shown.split() != Split.VAL;
    for (ImageItem item : items) {
      item.setSplit(toVal ? Split.VAL : Split.TRAIN);
    }
    p.fire();
    ws.saveProject();
    ws.messageProperty()
        .set(items.size() == 1 ? message(p, shown, toVal) : message(p, items.size(), toVal));
  }

  static String message(Project p, ImageItem item, boolean toVal) {
    String name = item.fileName();
    if (!toVal) {
      return name + " is a training image again.";
    }
    return item.status() == ImageStatus.LABELED
        ? name
            + " is now a validation image: held out of training, it counts in the validation mIoU"
            + count(p)
        : name
            + " is now a validation image, held out of training; paint its mask for it to count"
            + " in the validation mIoU"
            + count(p);
  }

  static String message(Project p, int n, boolean toVal) {
    return toVal
        ? n + " images are now validation images, held out of training" + count(p)
        : n + " images are training images again" + count(p);
  }

  private static String count(Project p) {
    int labeled = p.labeledValItems().size();
    return " (" + labeled + " labeled validation image" + (labeled == 1 ? ")." : "s).");
  }
}
