package org.pc2seg.gui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pc2seg.image.ImageLoader;

/**
 * A small LRU cache of decoded images (the shown one and a prefetched neighbour), so paging through
 * hundreds of images keeps at most {@code capacity} decoded images in memory: 3 × 64 MiB for
 * 4096×4096 RGB. Thread-safe.
 */
public final class ImageCache {
  private final Map<Path, BufferedImage> map;

  public ImageCache(int capacity) {
    this.map =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Path, BufferedImage> e) {
            return size() > capacity;
          }
        };
  }

  /** The decoded image, from the cache or decoded now (call off the FX thread). */
  public BufferedImage get(Path file) throws IOException {
    synchronized (map) {
      BufferedImage b = map.get(file);
      if (b != null) {
        return b;
      }
    }
    BufferedImage b = ImageLoader.readRgb(file);
    synchronized (map) {
      map.put(file, b);
    }
    return b;
  }

  public int size() {
    synchronized (map) {
      return map.size();
    }
  }

  public void clear() {
    synchronized (map) {
      map.clear();
    }
  }
}
