package org.pc2seg.image;

import java.util.Arrays;

/**
 * An 8-bit single-channel index mask: one class id per pixel, {@link #IGNORE} (255) where nothing
 * is labeled. Row-major, {@code data[y * width + x]}.
 */
public final class IndexMask {
  /** Value for "unlabeled / ignore". */
  public static final int IGNORE = 255;

  private final int width;
  private final int height;
  private final byte[] data;

  public IndexMask(int width, int height, byte[] data) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("mask size must be positive: " + width + "x" + height);
    }
    if (data.length != width * height) {
      throw new IllegalArgumentException(
          "mask data has " + data.length + " values, expected " + width * height);
    }
    this.width = width;
    this.height = height;
    this.data = data;
  }

  /** A mask of the given size with every pixel set to {@link #IGNORE}. */
  public static IndexMask blank(int width, int height) {
    byte[] d = new byte[width * height];
    Arrays.fill(d, (byte) IGNORE);
    return new IndexMask(width, height, d);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The backing array (not a copy): callers that mutate it own the consequences. */
  public byte[] data() {
    return data;
  }

  public int get(int x, int y) {
    return data[y * width + x] & 0xFF;
  }

  public void set(int x, int y, int value) {
    data[y * width + x] = (byte) value;
  }

  public IndexMask copy() {
    return new IndexMask(width, height, data.clone());
  }

  /** Number of pixels that carry a class id (not {@link #IGNORE}). */
  public long labeledPixels() {
    long n = 0;
    for (byte b : data) {
      if ((b & 0xFF) != IGNORE) {
        n++;
      }
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexMask m
        && m.width == width
        && m.height == height
        && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(data);
  }
}
