package org.pc2seg.gui.viewer;

import javafx.scene.input.MouseButton;

/**
 * A mouse event in image coordinates, as tools see it.
 *
 * @param x image column (continuous; pixel {@code i} covers {@code [i, i+1)})
 * @param y image row
 * @param button the button (NONE for moves)
 * @param alt Alt held (eraser)
 * @param shift Shift held
 * @param clicks click count
 */
public record ToolEvent(
    double x, double y, MouseButton button, boolean alt, boolean shift, int clicks) {}
