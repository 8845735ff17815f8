package org.pc2seg.ml.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.pc2seg.image.ImageFormatException;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;

/** Reads an image and, when given, its mask, checking the mask's size and values. */
final class MaskedImageLoader {
  private MaskedImageLoader() {}

  /**
   * @param maskFile the mask, or null for an unlabeled image
   * @param numClasses mask values must be below this or 255
   * @param sizeMismatch the error message when mask and image sizes differ
   */
  static LabeledImage load(
      String name,
      Path image,
      Path maskFile,
      int numClasses,
      BiFunction<IndexMask, BufferedImage, String> sizeMismatch)
      throws IOException {
    BufferedImage img = ImageLoader.readRgb(image);
    IndexMask mask = null;
    if (maskFile != null) {
      mask = MaskCodec.read(maskFile);
      if (mask.width() != img.getWidth() || mask.height() != img.getHeight()) {
        throw new ImageFormatException(maskFile, sizeMismatch.apply(mask, img));
      }
      FolderSource.checkValues(mask, numClasses, maskFile);
    }
    return new LabeledImage(name, img, mask);
  }
}
