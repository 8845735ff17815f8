package org.pc2seg.ml.train;

/** The range checks every {@link TrainConfig} must pass. */
final class TrainConfigValidation {
  private TrainConfigValidation() {}

  /** Throws {@link IllegalArgumentException} naming the first setting out of range. */
  static void validate(TrainConfig c) {
    require(c.steps() >= 1, "steps must be >= 1");
    require(c.batchLabeled() >= 1, "batch (labeled) must be >= 1");
    require(c.batchUnlabeled() >= 0, "unlabeled batch must be >= 0");
    require(
        c.crop() >= 32 && c.crop() % 16 == 0,
        "crop must be a multiple of 16 and >= 32, got " + c.crop());
    require(
        c.resizeLongSide() == 0 || c.resizeLongSide() >= c.crop(),
        "max image side must be 0 (full resolution) or at least the crop, got "
            + c.resizeLongSide());
    require(c.learningRate() > 0, "learning rate must be > 0");
    require(c.gradClip() >= 0, "gradient clip norm must be >= 0 (0 = off)");
    require(c.temperature() > 0, "temperature tau must be > 0");
    require(c.anchors() >= 1 && c.negatives() >= 1, "anchors M and negatives N must be >= 1");
    require(c.labeledCandidates() >= 0, "labeled candidates L must be >= 0");
    require(c.threads() >= 1 && c.dataWorkers() >= 1, "threads must be >= 1");
    require(c.checkpointEvery() >= 0 && c.valEvery() >= 0, "checkpointEvery/valEvery must be >= 0");
    require(
        c.confidenceThreshold() >= 0 && c.confidenceThreshold() < 1,
        "confidence threshold must be in [0,1)");
    require(c.sharpen() > 0 && c.sharpen() <= 1, "sharpening temperature must be in (0,1]");
    require(c.cutMix() >= 0 && c.cutMix() <= 1, "CutMix probability must be in [0,1]");
    require(c.outputStride() == 8 || c.outputStride() == 16, "output stride must be 8 or 16");
    require(
        !org.pc2seg.ml.model.PretrainedWeights.BUNDLED.equals(c.initWeights())
            || org.pc2seg.ml.model.PretrainedWeights.bundled(
                org.pc2seg.ml.model.Backbone.parse(c.backbone())),
        "no ImageNet weights come with the app for "
            + c.backbone()
            + " (only for mobilenetv2): pass --init-weights FILE or leave it out");
    require(
        c.method() != null && c.sampling() != null && c.device() != null,
        "method/sampling/device unset");
  }

  private static void require(boolean ok, String msg) {
    if (!ok) {
      throw new IllegalArgumentException(msg);
    }
  }
}
