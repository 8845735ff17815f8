package org.pc2seg.ml.data;

import java.awt.image.BufferedImage;
import org.pc2seg.image.IndexMask;

/**
 * A decoded image, its mask (null for unlabeled images) and a name for messages.
 *
 * @param name the image's name (relative path or file name)
 * @param image RGB image
 * @param mask index mask of the same size, or null
 */
public record LabeledImage(String name, BufferedImage image, IndexMask mask) {}
