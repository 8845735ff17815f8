package org.pc2seg.gui.panes;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.image.Image;

/**
 * Thumbnails decoded on JavaFX's background loader (never on the FX thread) at thumbnail size, in
 * an LRU cache: at most {@code capacity} images of {@code size}² pixels stay in memory.
 */
public final class ThumbnailCache {
  private final int size;
  private final Map<Path, Image> map;

  public ThumbnailCache(int size, int capacity) {
    this.size = size;
    this.map =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Path, Image> e) {
            return size() > capacity;
          }
        };
  }

  /** The thumbnail; it may still be loading (the ImageView shows it when ready). */
  public Image get(Path file) {
    return map.computeIfAbsent(
        file, f -> new Image(f.toUri().toString(), size, size, true, true, true));
  }
}
