package org.pc2seg.gui;

import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.Project;
import org.pc2seg.project.Split;

/**
 * Image → Validation image (V): moves the image on screen between training and validation. Labeled
 * validation images are held out of training and give the validation mIoU that the training monitor
 * charts and that picks a run's best model; a project made from a folder starts with none.
 */
final class ValidationSplit {
  private ValidationSplit() {}

  /** Toggles the shown image's split and saves the project; says what changed. */
  static void toggle(Workspace ws) {
    Project p = ws.project();
    ImageItem item = ws.requestedItem(); // selected, even while its pixels still load
    if (p == null || item == null) {
      ws.messageProperty().set("Open an image to move it between training and validation.");
      return;
    }
    boolean toVal = item.split() != Split.VAL;
    item.setSplit(toVal ? Split.VAL : Split.TRAIN);
    p.fire();
    ws.saveProject();
    ws.messageProperty().set(message(p, item, toVal));
  }

  static String message(Project p, ImageItem item, boolean toVal) {
    String name = item.fileName();
    if (!toVal) {
      return name + " is a training image again.";
    }
    int labeled = p.labeledValItems().size();
    String count = " (" + labeled + " labeled validation image" + (labeled == 1 ? ")." : "s).");
    return item.status() == ImageStatus.LABELED
        ? name
            + " is now a validation image: held out of training, it counts in the validation mIoU"
            + count
        : name
            + " is now a validation image, held out of training; paint its mask for it to count"
            + " in the validation mIoU"
            + count;
  }
}
