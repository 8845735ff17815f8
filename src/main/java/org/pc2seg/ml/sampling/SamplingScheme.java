package org.pc2seg.ml.sampling;

import java.util.Locale;

/** The four negative-sampling distributions of PC²Seg (Zhong et al., ICCV 2021, Sec. 3.3). */
public enum SamplingScheme {
  /** p_ij = 1/M over all pixels of the mini-batch. */
  UNIFORM("uniform"),
  /** p_ij ∝ 1{I_i ≠ I_j}: only pixels of other images. */
  DIFF_IMAGE("diff-image"),
  /** p_ij ∝ 1 − ŷ_iᵀŷ_j: pseudo-label debiased. */
  DEBIASED("debiased"),
  /** p_ij ∝ 1{I_i ≠ I_j}·(1 − ŷ_iᵀŷ_j): the paper's default. */
  DIFF_IMAGE_DEBIASED("diff-image-debiased");

  private final String cliName;

  SamplingScheme(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line and in JSON. */
  public String cliName() {
    return cliName;
  }

  /** Parses a CLI name or enum name. */
  public static SamplingScheme parse(String s) {
    String n = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (SamplingScheme v : values()) {
      if (v.cliName.equals(n)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown sampling scheme '" + s + "' (uniform, diff-image, debiased, diff-image-debiased)");
  }

  @Override
  public String toString() {
    return cliName;
  }
}
