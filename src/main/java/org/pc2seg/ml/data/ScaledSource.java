package org.pc2seg.ml.data;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pc2seg.image.Downscale;
import org.pc2seg.image.IndexMask;

/**
 * A source whose images (and masks) are shrunk as they are loaded so that their long side is at
 * most {@code maxSide}; smaller images pass through unchanged. Training and validation then work at
 * that resolution, and the worker threads handle a working-size copy instead of the full photo.
 *
 * <p>Decoding a photo of several megapixels costs far more than a training step's share of it, so
 * the shrunk copies are kept in a {@link Cache} shared by the sources of one run, up to a byte
 * budget (least recently used first out). Nothing downstream writes into a loaded image or mask.
 */
final class ScaledSource implements SegmentationSource {
  private final SegmentationSource inner;
  private final int maxSide;
  private final Cache cache;

  ScaledSource(SegmentationSource inner, int maxSide, Cache cache) {
    this.inner = inner;
    this.maxSide = maxSide;
    this.cache = cache;
  }

  @Override
  public int size() {
    return inner.size();
  }

  @Override
  public String name(int i) {
    return inner.name(i);
  }

  @Override
  public LabeledImage load(int i) throws IOException {
    LabeledImage hit = cache.get(this, i);
    if (hit != null) {
      return hit;
    }
    LabeledImage li = inner.load(i);
    int w = li.image().getWidth();
    int h = li.image().getHeight();
    int[] size = Downscale.fit(w, h, maxSide);
    if (size[0] == w && size[1] == h) {
      return li; // small images decode quickly; only shrunk copies are worth their memory
    }
    IndexMask mask = li.mask() == null ? null : Downscale.mask(li.mask(), size[0], size[1]);
    LabeledImage scaled =
        new LabeledImage(li.name(), Downscale.image(li.image(), size[0], size[1]), mask);
    cache.put(this, i, scaled);
    return scaled;
  }

  @Override
  public boolean labeled() {
    return inner.labeled();
  }

  /** Shrunk images of one run's sources, least recently used dropped first beyond a byte budget. */
  static final class Cache {
    private record Key(ScaledSource source, int index) {}

    private final long budget;
    private final Map<Key, LabeledImage> map = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    Cache(long budget) {
      this.budget = budget;
    }

    /** An eighth of the heap, at most 512 MiB: room for ~130 photos at 1024×768. */
    static Cache forHeap() {
      return new Cache(Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 8));
    }

    synchronized LabeledImage get(ScaledSource s, int i) {
      return map.get(new Key(s, i));
    }

    synchronized void put(ScaledSource s, int i, LabeledImage li) {
      long size = bytesOf(li);
      if (size > budget || map.putIfAbsent(new Key(s, i), li) != null) {
        return;
      }
      bytes += size;
      Iterator<LabeledImage> it = map.values().iterator();
      while (bytes > budget && it.hasNext()) {
        bytes -= bytesOf(it.next());
        it.remove();
      }
    }

    synchronized long bytes() {
      return bytes;
    }

    synchronized int size() {
      return map.size();
    }

    private static long bytesOf(LabeledImage li) {
      long px = (long) li.image().getWidth() * li.image().getHeight();
      return px * 4 + (li.mask() == null ? 0 : px);
    }
  }
}
