/*
 * The app's AdamW step against DJL's fused adamUpdate (which the app used until session 9), on
 * the parameters of the ResNet-18 DeepLabv3+ model, alternating the two step by step so that a
 * shared host's speed swings hit both alike. Not part of the product; a benchmark, not a test.
 *
 *   mvn -q -B -DskipTests package
 *   java -cp "target/pc2seg-studio.jar:target/lib/*" tools/OptimizerBench.java [PAIRS]
 *
 * Both optimizers update the same weights with the same formula (w ← w − lr·wd·w − corr·m/(√v+ε)),
 * each with its own moments. Before each timed update, a training step's forward and backward
 * passes run on random images, so the update meets real gradients and the heap as in training.
 * Prints the median time of each and the median of the paired differences.
 */
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pc2seg.ml.model.DeepLabV3Plus;
import org.pc2seg.ml.model.SegmentationModels;
import org.pc2seg.ml.train.AdamW;
import org.pc2seg.ml.train.TrainConfig;

public class OptimizerBench {
  public static void main(String[] args) {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.pytorch.num_threads", "2");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "2");
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    Engine.getInstance().setRandomSeed(5);
    try (Model model =
        SegmentationModels.newModel(TrainConfig.defaults().modelConfig(5), "bench", null)) {
      DeepLabV3Plus block = SegmentationModels.block(model);
      List<Parameter> ps = AdamW.trainable(block.getParameters());
      AdamW ours = new AdamW(ps, model.getNDManager(), 1e-4);
      DjlAdam djl = new DjlAdam(ps, model.getNDManager(), 1e-4);
      double[] a = new double[pairs];
      double[] b = new double[pairs];
      double[] diff = new double[pairs];
      for (int i = 0; i < 2 * pairs; i++) {
        forwardAndBackward(model, block);
        long t0 = System.nanoTime();
        if (i % 2 == 0) {
          ours.step(1e-3, 1.0);
        } else {
          djl.step(1e-3, 1.0, ours.gradientNorm());
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (i % 2 == 0) {
          a[i / 2] = ms;
        } else {
          b[i / 2] = ms;
          diff[i / 2] = b[i / 2] - a[i / 2];
        }
      }
      System.out.printf(
          "%d parameters, %d pairs%napp AdamW:         median %.1f ms%n"
              + "DJL adamUpdate:    median %.1f ms%npaired difference: median %.1f ms%n",
          ps.size(), pairs, median(a), median(b), median(diff));
    }
  }

  /**
   * A training step's forward and backward passes on random images (4 weak-view images without
   * gradients, 8 labeled and strong-view images with), so that each timed update finds the heap
   * as it is in training, with the step's activations just freed.
   */
  private static void forwardAndBackward(Model model, DeepLabV3Plus block) {
    try (NDManager sm = model.getNDManager().newSubManager()) {
      ParameterStore ps = new ParameterStore(sm, false);
      block.forward(ps, new NDList(sm.randomNormal(new Shape(4, 3, 128, 128))), true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDList out = block.forward(ps, new NDList(sm.randomNormal(new Shape(8, 3, 128, 128))), true);
        gc.backward(out.get(0).logSoftmax(1).get(":, 0").mean().neg());
      }
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  /**
   * What the app did before: global-norm clipping, then DJL's adamUpdate per parameter. The norm
   * is measured by the caller, inside the timed call, as the app's AdamW measures its own.
   */
  static final class DjlAdam {
    private final List<Parameter> params;
    private final List<NDArray> mean = new ArrayList<>();
    private final List<NDArray> var = new ArrayList<>();
    private final double weightDecay;
    private int t;

    DjlAdam(List<Parameter> params, NDManager m, double weightDecay) {
      this.params = params;
      this.weightDecay = weightDecay;
      for (Parameter p : params) {
        mean.add(m.zeros(p.getArray().getShape()));
        var.add(m.zeros(p.getArray().getShape()));
      }
    }

    /** One update, given the global gradient norm (the app's {@code AdamW.gradientNorm()}). */
    void step(double lr, double maxNorm, double norm) {
      float rescale = norm > maxNorm ? (float) (maxNorm / norm) : 1f;
      t++;
      double corr = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
      for (int i = 0; i < params.size(); i++) {
        NDArray w = params.get(i).getArray();
        try (NDArray g = w.getGradient()) {
          w.getNDArrayInternal()
              .adamUpdate(
                  new NDList(w, g, mean.get(i), var.get(i)),
                  new NDList(w),
                  (float) lr,
                  (float) corr,
                  (float) weightDecay,
                  rescale,
                  -1f,
                  0.9f,
                  0.999f,
                  1e-8f,
                  true,
                  true);
          g.subi(g);
        }
      }
    }
  }
}
