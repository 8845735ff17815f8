package org.pc2seg.ml.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.pc2seg.image.ImageFormatException;
import org.pc2seg.image.ImageLoader;

/**
 * VOC-style folders: every image in {@code images/} and, for labeled sources, a mask {@code
 * masks/<stem>.png} with class ids (255 = ignore). Lists the files and hands them to a {@link
 * FileListSource}, which loads and checks them.
 */
public final class FolderSource {
  private FolderSource() {}

  /** Images of a folder, sorted by name, without masks. */
  public static FileListSource unlabeled(Path imagesDir) throws IOException {
    return new FileListSource(list(imagesDir), null, 0);
  }

  /**
   * Images of a folder with their masks from {@code masksDir}; every image must have a mask.
   *
   * @param numClasses mask values must be below this or 255
   */
  public static FileListSource labeled(Path imagesDir, Path masksDir, int numClasses)
      throws IOException {
    List<Path> imgs = list(imagesDir);
    List<Path> masks = new ArrayList<>(imgs.size());
    for (Path p : imgs) {
      Path m = maskOf(masksDir, p);
      if (!Files.exists(m)) {
        throw new ImageFormatException(m, "no mask for image " + p.getFileName());
      }
      masks.add(m);
    }
    return new FileListSource(imgs, masks, numClasses);
  }

  /** The mask file of an image: {@code <masksDir>/<stem>.png}. */
  public static Path maskOf(Path masksDir, Path image) {
    String n = image.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return masksDir.resolve((dot > 0 ? n.substring(0, dot) : n) + ".png");
  }

  static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("not a folder: " + dir);
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(ImageLoader::isImageFile).sorted().toList();
    }
  }
}
