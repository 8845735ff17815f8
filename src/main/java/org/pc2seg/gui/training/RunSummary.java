package org.pc2seg.gui.training;

import java.nio.file.Path;

/**
 * One row of the runs list.
 *
 * @param name run name (its folder name)
 * @param dir run folder
 * @param steps steps trained
 * @param miou best validation mIoU (0..1), NaN if never validated
 * @param method training method (pc2seg / supervised) or "" if unknown
 * @param sampling negative sampling scheme or "" if unknown
 */
public record RunSummary(
    String name, Path dir, int steps, double miou, String method, String sampling) {}
