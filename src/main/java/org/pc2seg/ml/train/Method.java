package org.pc2seg.ml.train;

import java.util.Locale;

/** Training method. */
public enum Method {
  /** Cross-entropy on labeled pixels plus consistency and pixel-contrastive losses on unlabeled. */
  PC2SEG,
  /** Same network, labeled images, steps and seed, cross-entropy only: the honest baseline. */
  SUPERVISED;

  /** The CLI / JSON name. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code pc2seg} or {@code supervised}. */
  public static Method parse(String s) {
    for (Method m : values()) {
      if (m.cliName().equalsIgnoreCase(s.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown method '" + s + "' (pc2seg, supervised)");
  }
}
