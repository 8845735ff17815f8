package org.pc2seg.export;

import java.util.Arrays;

/**
 * COCO run-length encoding of a binary mask, written from the format's definition (pycocotools
 * {@code maskApi.c}): pixels are visited in column-major order (down each column, then the next
 * column), counts alternate between runs of 0 and runs of 1 and always start with a (possibly
 * empty) run of 0, and they sum to {@code height * width}. The compact string form stores each
 * count (after the second, as a difference to the count two places back) in 5-bit groups offset by
 * 48, as {@code pycocotools.mask.encode} does.
 *
 * @param height mask height (COCO's {@code size[0]})
 * @param width mask width (COCO's {@code size[1]})
 * @param counts alternating run lengths, starting with zeros
 */
public record CocoRle(int height, int width, long[] counts) {
  public CocoRle {
    long sum = Arrays.stream(counts).sum();
    if (sum != (long) height * width) {
      throw new IllegalArgumentException(
          "RLE counts sum to " + sum + ", expected " + height + "*" + width);
    }
  }

  /**
   * Encodes the pixels of a row-major mask whose value equals {@code value}.
   *
   * @param data row-major values, {@code data[y * width + x] & 0xFF}
   */
  public static CocoRle encode(byte[] data, int width, int height, int value) {
    boolean[] bits = new boolean[data.length];
    for (int i = 0; i < data.length; i++) {
      bits[i] = (data[i] & 0xFF) == value;
    }
    return encode(bits, width, height);
  }

  /** Encodes a row-major binary mask ({@code bits[y * width + x]}). */
  public static CocoRle encode(boolean[] bits, int width, int height) {
    if (bits.length != width * height) {
      throw new IllegalArgumentException(
          "mask has " + bits.length + " pixels, not " + width * height);
    }
    long[] runs = new long[width * height + 1];
    int n = 0;
    boolean current = false;
    long run = 0;
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        boolean b = bits[y * width + x];
        if (b != current) {
          runs[n++] = run;
          run = 0;
          current = b;
        }
        run++;
      }
    }
    runs[n++] = run;
    return new CocoRle(height, width, Arrays.copyOf(runs, n));
  }

  /**
   * Encodes every label of a row-major label image in one column-major pass: element {@code L} of
   * the result is the RLE of {@code labels == L}, or null when no pixel has label {@code L}.
   * Negative labels belong to no mask.
   */
  public static CocoRle[] encodeEach(int[] labels, int width, int height, int numLabels) {
    if (labels.length != width * height) {
      throw new IllegalArgumentException(
          "label image has " + labels.length + " pixels, not " + width * height);
    }
    long[][] runs = new long[numLabels][];
    int[] size = new int[numLabels];
    long[] lastEnd = new long[numLabels];
    long pos = 0;
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++, pos++) {
        int l = labels[y * width + x];
        if (l < 0) {
          continue;
        }
        if (runs[l] == null) {
          runs[l] = new long[8];
        }
        if (size[l] > 0 && lastEnd[l] == pos) {
          runs[l][size[l] - 1]++;
        } else {
          if (size[l] + 2 > runs[l].length) {
            runs[l] = Arrays.copyOf(runs[l], runs[l].length * 2);
          }
          runs[l][size[l]++] = pos - lastEnd[l];
          runs[l][size[l]++] = 1;
        }
        lastEnd[l] = pos + 1;
      }
    }
    long total = (long) width * height;
    CocoRle[] out = new CocoRle[numLabels];
    for (int l = 0; l < numLabels; l++) {
      if (runs[l] == null) {
        continue;
      }
      long[] c = Arrays.copyOf(runs[l], size[l] + (lastEnd[l] < total ? 1 : 0));
      if (lastEnd[l] < total) {
        c[size[l]] = total - lastEnd[l];
      }
      out[l] = new CocoRle(height, width, c);
    }
    return out;
  }

  /** Decodes back to a row-major binary mask. */
  public boolean[] decode() {
    boolean[] bits = new boolean[width * height];
    long pos = 0;
    boolean value = false;
    for (long c : counts) {
      for (long k = 0; k < c; k++, pos++) {
        int x = (int) (pos / height);
        int y = (int) (pos % height);
        bits[y * width + x] = value;
      }
      value = !value;
    }
    return bits;
  }

  /** Number of foreground pixels (COCO's {@code area} of an RLE). */
  public long area() {
    long a = 0;
    for (int i = 1; i < counts.length; i += 2) {
      a += counts[i];
    }
    return a;
  }

  /**
   * Tight bounding box {@code [x, y, w, h]} of the foreground, as COCO's {@code toBbox} computes
   * it; all zeros for an empty mask.
   */
  public double[] bbox() {
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = -1;
    int maxY = -1;
    long pos = 0;
    for (int i = 0; i < counts.length; i++) {
      long start = pos;
      pos += counts[i];
      if (i % 2 == 1 && counts[i] > 0) {
        long end = pos - 1;
        int x0 = (int) (start / height);
        int x1 = (int) (end / height);
        minX = Math.min(minX, x0);
        maxX = Math.max(maxX, x1);
        if (x0 == x1) {
          minY = Math.min(minY, (int) (start % height));
          maxY = Math.max(maxY, (int) (end % height));
        } else {
          minY = 0;
          maxY = height - 1;
        }
      }
    }
    if (maxX < 0) {
      return new double[] {0, 0, 0, 0};
    }
    return new double[] {minX, minY, maxX - minX + 1, maxY - minY + 1};
  }

  /** The compact string form of {@link #counts()} (pycocotools {@code rleToString}). */
  public String countsString() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < counts.length; i++) {
      long x = counts[i];
      if (i > 2) {
        x -= counts[i - 2];
      }
      boolean more = true;
      while (more) {
        long c = x & 0x1f;
        x >>= 5;
        more = (c & 0x10) != 0 ? x != -1 : x != 0;
        if (more) {
          c |= 0x20;
        }
        s.append((char) (c + 48));
      }
    }
    return s.toString();
  }

  /** Parses the compact string form (pycocotools {@code rleFrString}). */
  public static CocoRle fromString(String s, int height, int width) {
    long[] cnts = new long[s.length()];
    int m = 0;
    int p = 0;
    while (p < s.length()) {
      long x = 0;
      int k = 0;
      boolean more = true;
      while (more) {
        if (p >= s.length()) {
          throw new IllegalArgumentException("truncated RLE string");
        }
        long c = s.charAt(p) - 48;
        x |= (c & 0x1f) << (5 * k);
        more = (c & 0x20) != 0;
        p++;
        k++;
        if (!more && (c & 0x10) != 0) {
          x |= -1L << (5 * k);
        }
      }
      if (m > 2) {
        x += cnts[m - 2];
      }
      cnts[m++] = x;
    }
    return new CocoRle(height, width, Arrays.copyOf(cnts, m));
  }
}
