package org.pc2seg.active.experiment;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.pc2seg.active.ProbabilityMap;
import org.pc2seg.image.IndexMask;
import org.pc2seg.ml.model.DeepLabV3Plus;
import org.pc2seg.ml.model.ModelConfig;
import org.pc2seg.ml.model.SegmentationModels;
import org.pc2seg.ml.tensor.Scalars;

/**
 * The model of one simulated-user run: a DeepLabv3+ trained with supervised cross-entropy on the
 * images labeled so far (random crops and flips, Adam), evaluated by mIoU on the validation images,
 * and asked for class probabilities on the pool. Each round continues from the previous round's
 * weights. Supervised training keeps the experiment about <em>which</em> images get labeled; the
 * semi-supervised loss would add the same unlabeled pool to both orders.
 */
final class ExperimentModel implements AutoCloseable {
  private final Model model;
  private final DeepLabV3Plus block;
  private final int numClasses;
  private final Random rnd;

  ExperimentModel(ModelConfig config, long seed) {
    Engine.getInstance().setRandomSeed((int) seed);
    this.model = SegmentationModels.newModel(config, "active-experiment", null);
    this.block = SegmentationModels.block(model);
    this.numClasses = config.numClasses();
    this.rnd = new Random(seed);
  }

  /** Trains {@code steps} steps on random crops of the labeled samples. */
  void train(List<ExperimentData.Sample> labeled, int steps, int batch, int crop, double lr) {
    long t0 = System.nanoTime();
    DefaultTrainingConfig cfg =
        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
            .optOptimizer(
                Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr)).build());
    try (Trainer trainer = model.newTrainer(cfg)) {
      for (int step = 0; step < steps; step++) {
        float[] x = new float[batch * 3 * crop * crop];
        float[] onehot = new float[batch * numClasses * crop * crop];
        int valid = 0;
        for (int b = 0; b < batch; b++) {
          ExperimentData.Sample s = labeled.get(rnd.nextInt(labeled.size()));
          valid += crop(s, crop, b, x, onehot);
        }
        try (NDManager sm = model.getNDManager().newSubManager();
            GradientCollector gc = trainer.newGradientCollector()) {
          NDArray xa = sm.create(x, new Shape(batch, 3, crop, crop));
          NDArray ya = sm.create(onehot, new Shape(batch, numClasses, crop, crop));
          NDArray logits = trainer.forward(new NDList(xa)).get(0);
          NDArray loss = Scalars.div(logits.logSoftmax(1).mul(ya).sum().neg(), Math.max(1, valid));
          gc.backward(loss);
          trainer.step();
        }
      }
    }
    lastTrainSeconds = (System.nanoTime() - t0) / 1e9;
  }

  /** Wall time of the last {@link #train} call. */
  double lastTrainSeconds;

  /**
   * Copies a random crop (with a random horizontal flip) into slot {@code b}; returns labeled px.
   */
  private int crop(ExperimentData.Sample s, int crop, int b, float[] x, float[] onehot) {
    int c = Math.min(crop, Math.min(s.width(), s.height()));
    int x0 = rnd.nextInt(s.width() - c + 1);
    int y0 = rnd.nextInt(s.height() - c + 1);
    boolean flip = rnd.nextBoolean();
    int n = s.width() * s.height();
    int cn = crop * crop;
    int valid = 0;
    for (int y = 0; y < c; y++) {
      for (int xx = 0; xx < c; xx++) {
        int sx = x0 + (flip ? c - 1 - xx : xx);
        int src = (y0 + y) * s.width() + sx;
        int dst = y * crop + xx;
        for (int ch = 0; ch < 3; ch++) {
          x[(b * 3 + ch) * cn + dst] = s.chw()[ch * n + src];
        }
        int label = s.mask()[src] & 0xFF;
        if (label != IndexMask.IGNORE && label < numClasses) {
          onehot[(b * numClasses + label) * cn + dst] = 1f;
          valid++;
        }
      }
    }
    return valid;
  }

  /** Class probabilities of whole images (inference mode), in batches of equal-size images. */
  List<ProbabilityMap> probabilities(List<ExperimentData.Sample> samples) {
    List<ProbabilityMap> out = new ArrayList<>();
    ParameterStore ps = new ParameterStore(model.getNDManager(), false);
    int batch = 8;
    for (int i = 0; i < samples.size(); i += batch) {
      List<ExperimentData.Sample> part = samples.subList(i, Math.min(samples.size(), i + batch));
      ExperimentData.Sample first = part.get(0);
      boolean sameSize =
          part.stream().allMatch(s -> s.width() == first.width() && s.height() == first.height());
      if (!sameSize) {
        for (ExperimentData.Sample s : part) {
          out.addAll(forward(ps, List.of(s)));
        }
      } else {
        out.addAll(forward(ps, part));
      }
    }
    return out;
  }

  private List<ProbabilityMap> forward(ParameterStore ps, List<ExperimentData.Sample> part) {
    int w = part.get(0).width();
    int h = part.get(0).height();
    int n = w * h;
    float[] x = new float[part.size() * 3 * n];
    for (int b = 0; b < part.size(); b++) {
      System.arraycopy(part.get(b).chw(), 0, x, b * 3 * n, 3 * n);
    }
    List<ProbabilityMap> out = new ArrayList<>();
    try (NDManager sm = model.getNDManager().newSubManager()) {
      NDArray in = sm.create(x, new Shape(part.size(), 3, h, w));
      float[] p = block.forward(ps, new NDList(in), false).get(0).softmax(1).toFloatArray();
      int per = numClasses * n;
      for (int b = 0; b < part.size(); b++) {
        float[] one = new float[per];
        System.arraycopy(p, b * per, one, 0, per);
        out.add(new ProbabilityMap(numClasses, w, h, one));
      }
    }
    return out;
  }

  /** Mean IoU over the classes present in the ground truth or the prediction. */
  double meanIou(List<ExperimentData.Sample> val) {
    long[] inter = new long[numClasses];
    long[] union = new long[numClasses];
    List<ProbabilityMap> probs = probabilities(val);
    for (int i = 0; i < val.size(); i++) {
      ProbabilityMap p = probs.get(i);
      byte[] gt = val.get(i).mask();
      for (int px = 0; px < p.pixels(); px++) {
        int g = gt[px] & 0xFF;
        if (g == IndexMask.IGNORE || g >= numClasses) {
          continue;
        }
        int best = 0;
        for (int c = 1; c < numClasses; c++) {
          if (p.get(c, px) > p.get(best, px)) {
            best = c;
          }
        }
        if (best == g) {
          inter[g]++;
          union[g]++;
        } else {
          union[g]++;
          union[best]++;
        }
      }
    }
    double sum = 0;
    int present = 0;
    for (int c = 0; c < numClasses; c++) {
      if (union[c] > 0) {
        sum += inter[c] / (double) union[c];
        present++;
      }
    }
    return present == 0 ? 0 : sum / present;
  }

  /** Saves the weights (to branch several runs from one trained state). */
  void save(java.nio.file.Path file) throws java.io.IOException {
    org.pc2seg.ml.model.ModelWeights.saveFull(model, file);
  }

  /** Loads weights saved by {@link #save}. */
  void load(java.nio.file.Path file) throws java.io.IOException {
    try {
      org.pc2seg.ml.model.ModelWeights.loadFull(model, file);
      // loaded arrays do not track gradients; the trainable ones must again
      for (ai.djl.nn.Parameter p : block.getParameters().values()) {
        if (p.requiresGradient()) {
          p.getArray().setRequiresGradient(true);
        }
      }
    } catch (ai.djl.MalformedModelException e) {
      throw new java.io.IOException(file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
