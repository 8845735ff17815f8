package org.pc2seg.image;

/**
 * Limits applied when decoding images.
 *
 * @param maxPixels images whose header claims more pixels than this are refused before decoding
 *     (decompression-bomb guard); default 100 megapixels, overridable with the system property
 *     {@code pc2seg.maxPixels}
 */
public record ImageReadOptions(long maxPixels) {
  public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

  public static ImageReadOptions defaults() {
    return new ImageReadOptions(Long.getLong("pc2seg.maxPixels", DEFAULT_MAX_PIXELS));
  }
}
