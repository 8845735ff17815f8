package org.pc2seg.gui.actions;

/**
 * Every user action of the workspace, in menu order (menus list their actions in this order). Their
 * labels, shortcuts and menu groups live in {@link Actions}.
 */
public enum ActionId {
  NEW_PROJECT,
  OPEN_PROJECT,
  IMPORT_VOC,
  SAVE,
  EXPORT,
  QUIT,
  UNDO,
  REDO,
  REDO_ALT,
  BRUSH,
  ERASER,
  FILL,
  POLYGON,
  BRUSH_SMALLER,
  BRUSH_LARGER,
  TOGGLE_OVERLAY,
  CYCLE_OVERLAY,
  ZOOM_FIT,
  ZOOM_ONE,
  ZOOM_IN,
  ZOOM_OUT,
  NEXT_IMAGE,
  NEXT_IMAGE_ALT,
  PREVIOUS_IMAGE,
  PREVIOUS_IMAGE_ALT,
  CLASS_1,
  CLASS_2,
  CLASS_3,
  CLASS_4,
  CLASS_5,
  CLASS_6,
  CLASS_7,
  CLASS_8,
  CLASS_9,
  SHORTCUTS,
  TRAIN,
  STOP_TRAINING,
  TRAINING_MONITOR,
  ACCEPT_PREDICTION,
  HEATMAP_MODE,
  LABEL_NEXT
}
