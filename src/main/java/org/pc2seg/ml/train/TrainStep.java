package org.pc2seg.ml.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.pc2seg.ml.data.Batch;
import org.pc2seg.ml.data.BatchPlan;
import org.pc2seg.ml.data.CutMix;
import org.pc2seg.ml.data.TrainingData;
import org.pc2seg.ml.loss.LossBreakdown;
import org.pc2seg.ml.loss.SampledNegatives;
import org.pc2seg.ml.model.DeepLabV3Plus;
import org.pc2seg.ml.model.RunningStats;
import org.pc2seg.ml.tensor.Upload;

/** One optimisation step's forward and backward pass, and the negatives it drew. */
final class TrainStep {
  private final TrainingData data;
  private final TrainConfig cfg;
  private final Objective objective;
  private final UnlabeledBatchNorm batchNorm;

  TrainStep(TrainingData data, TrainConfig cfg) {
    this.data = data;
    this.cfg = cfg;
    this.objective = new Objective(cfg);
    this.batchNorm = cfg.unlabeledBatchNorm().resolve(data.labeled().size());
  }

  /** The batch-norm mode of this run's PC²Seg steps ({@code auto} resolved for its data). */
  UnlabeledBatchNorm batchNorm() {
    return batchNorm;
  }

  record Outcome(double loss, double ce, double cy, double ctr, NegativeDraws draws) {}

  Outcome run(DeepLabV3Plus block, ParameterStore ps, NDManager base, Batch b, int step) {
    int c = b.crop();
    Engine.getInstance().setRandomSeed((int) BatchPlan.mix(cfg.seed(), step));
    try (NDManager sm = base.newSubManager()) {
      NDArray xl = Upload.floats(sm, b.labeledImages(), new Shape(b.labeledCount(), 3, c, c));
      int[] lab = new int[b.labels().length];
      for (int i = 0; i < lab.length; i++) {
        lab[i] = b.labels()[i] & 0xFF;
      }
      NDArray yl =
          Upload.ints(sm, lab, new Shape(b.labeledCount(), c, c)).toType(DataType.INT64, false);
      boolean unl = cfg.method() == Method.PC2SEG && b.unlabeledCount() > 0;
      boolean separate = batchNorm == UnlabeledBatchNorm.SEPARATE;
      NDList weak = null;
      NDArray xs = null;
      int[] sourceImage = null;
      if (unl) {
        NDArray xw = Upload.floats(sm, b.weak(), new Shape(b.unlabeledCount(), 3, c, c));
        xs = Upload.floats(sm, b.strong(), new Shape(b.unlabeledCount(), 3, c, c));
        weak = block.forward(ps, new NDList(xw), !separate);
        if (cfg.cutMix() > 0) {
          CutMix mix =
              CutMix.draw(
                  b.unlabeledCount(),
                  c,
                  cfg.cutMix(),
                  new SplittableRandom(BatchPlan.mix(cfg.seed() + 11, step)));
          if (mix.any()) {
            MixedViews mixed = MixedViews.apply(sm, mix, xs, weak);
            xs = mixed.strongImages();
            weak = mixed.weakOutputs();
            sourceImage = mix.sourceImage();
          }
        }
      }
      LossBreakdown l;
      RunningStats keep = null;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        boolean wantLabZ = unl && cfg.labeledCandidates() > 0;
        NDArray labLogits;
        NDArray labZ;
        NDList strong = null;
        if (unl && !separate) { // one batch: labeled and strong images normalised together
          NDList out = block.forward(ps, new NDList(xl.concat(xs, 0)), true);
          int bl = b.labeledCount();
          labLogits = out.get(0).get(":" + bl);
          labZ = wantLabZ ? out.get(1).get(":" + bl) : null;
          strong =
              new NDList(
                  out.get(0).get(bl + ":"), out.get(1).get(bl + ":"), out.get(2).get(bl + ":"));
        } else { // the labeled images alone, then (separate) the strong views as their own batch
          NDList out = block.forward(ps, new NDList(xl), true);
          labLogits = out.get(0);
          labZ = wantLabZ ? out.get(1) : null;
          if (unl) {
            keep = RunningStats.snapshot(block);
            strong = block.forward(ps, new NDList(xs), true);
          }
        }
        l =
            objective.compute(
                labLogits,
                yl,
                labZ,
                weak,
                strong,
                step,
                BatchPlan.mix(cfg.seed() + 7, step),
                sourceImage);
        double total = l.isFinite() ? l.total() : Double.NaN;
        if (l.isFinite()) {
          gc.backward(l.loss());
        }
        NegativeDraws draws = unl ? draws(b, l.negatives(), step + 1) : null;
        return new Outcome(total, l.ce(), l.consistency(), l.contrastive(), draws);
      } finally {
        if (keep != null) { // after backward: autograd holds the running arrays until then
          keep.restore();
        }
      }
    }
  }

  private NegativeDraws draws(Batch b, SampledNegatives neg, int step) {
    if (neg == null) {
      return null;
    }
    int gh = neg.gridHeight();
    int gw = neg.gridWidth();
    int per = gh * gw;
    int bu = b.unlabeledCount();
    int[] perImage = new int[bu];
    int[] pixels = new int[bu * per];
    int[] ni = neg.negativeImage();
    int[] np = neg.negativePixel();
    for (int i = 0; i < ni.length; i++) {
      if (ni[i] >= 0) {
        perImage[ni[i]]++;
        pixels[ni[i] * per + np[i]]++;
      }
    }
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i : b.unlabeledIndices()) {
      names.add(data.unlabeled().name(i));
    }
    return new NegativeDraws(step, names, b.unlabeledIndices(), perImage, gw, gh, pixels);
  }
}
