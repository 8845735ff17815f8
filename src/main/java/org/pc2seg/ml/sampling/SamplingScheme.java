package org.pc2seg.ml.sampling;

import java.util.Locale;

/** The four negative-sampling distributions of PC²Seg (Zhong et al., ICCV 2021, Sec. 3.3). */
public enum SamplingScheme {
  /** p_ij = 1/M over all pixels of the mini-batch. */
  UNIFORM(
      "uniform",
      "Any sampled pixel can be a negative, the anchor's own class included. The baseline the"
          + " others are compared with."),
  /** p_ij ∝ 1{I_i ≠ I_j}: only pixels of other images. */
  DIFF_IMAGE(
      "diff-image",
      "Negatives only from other images. For images that hold one or two classes, whose own"
          + " pixels are mostly the anchor's class."),
  /** p_ij ∝ 1 − ŷ_iᵀŷ_j: pseudo-label debiased. */
  DEBIASED(
      "debiased",
      "Negatives weighted towards other predicted classes, the anchor's own image kept. Best on"
          + " the sample project (many classes per image)."),
  /** p_ij ∝ 1{I_i ≠ I_j}·(1 − ŷ_iᵀŷ_j): the paper's default. */
  DIFF_IMAGE_DEBIASED(
      "diff-image-debiased",
      "The paper's default: other images, weighted towards other predicted classes. For images"
          + " with few classes each (as in Pascal VOC).");

  private final String cliName;
  private final String description;

  SamplingScheme(String cliName, String description) {
    this.cliName = cliName;
    this.description = description;
  }

  /** One or two sentences for users: what the scheme draws and when to choose it. */
  public String description() {
    return description;
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
