package org.pc2seg.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW whose whole state (first and second moments, step count) is held here and can be saved and
 * restored, which DJL's built-in optimizer cannot do: that is what makes resume exact. Each
 * parameter is updated by one fused native call (DJL's {@code adamUpdate}).
 */
public final class AdamW {
  private final List<Parameter> params = new ArrayList<>();
  private final List<NDArray> mean = new ArrayList<>();
  private final List<NDArray> var = new ArrayList<>();
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private int t;
  private String lastSkipReason = "";

  /**
   * @param parameters trainable parameters (BatchNorm running statistics must not be included)
   * @param manager the long-lived manager that owns the optimizer state
   */
  public AdamW(List<Parameter> parameters, NDManager manager, double weightDecay) {
    this.beta1 = 0.9;
    this.beta2 = 0.999;
    this.eps = 1e-8;
    this.weightDecay = weightDecay;
    for (Parameter p : parameters) {
      NDArray w = p.getArray();
      params.add(p);
      mean.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
      var.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
    }
  }

  /** The trainable parameters of a block list (gradient-requiring, not running statistics). */
  public static List<Parameter> trainable(Iterable<Pair<String, Parameter>> all) {
    List<Parameter> out = new ArrayList<>();
    for (Pair<String, Parameter> p : all) {
      Parameter.Type type = p.getValue().getType();
      if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
        out.add(p.getValue());
      }
    }
    return out;
  }

  /** The parameters it updates. */
  public List<Parameter> parameters() {
    return java.util.Collections.unmodifiableList(params);
  }

  /** Steps taken. */
  public int stepCount() {
    return t;
  }

  /** One update with learning rate {@code lr} and no clipping; zeroes the gradients afterwards. */
  public void step(double lr) {
    step(lr, 0);
  }

  /**
   * One update with learning rate {@code lr}; zeroes the gradients afterwards.
   *
   * <p>The global L2 norm of all gradients is measured first. When it is not finite (a NaN or
   * infinite gradient, which a finite loss can still produce), nothing is updated, the gradients
   * are reset to zero and NaN is returned: one bad batch must not poison the moments. When {@code
   * maxNorm} &gt; 0 and the norm exceeds it, the gradients are scaled by maxNorm / norm (global
   * norm clipping) inside the fused update.
   *
   * @return the global gradient norm before clipping, or NaN when the update was skipped
   */
  public double step(double lr, double maxNorm) {
    double norm = gradientNorm();
    if (!Double.isFinite(norm)) {
      lastSkipReason = describeNonFinite();
      for (Parameter p : params) {
        NDArray g = p.getArray().getGradient();
        g.set(new NDIndex("..."), 0f);
        g.close();
      }
      return Double.NaN;
    }
    float rescale = maxNorm > 0 && norm > maxNorm ? (float) (maxNorm / norm) : 1f;
    t++;
    double corr = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
    for (int i = 0; i < params.size(); i++) {
      NDArray w = params.get(i).getArray();
      NDArray g = w.getGradient();
      NDArray m = mean.get(i);
      NDArray v = var.get(i);
      w.getNDArrayInternal()
          .adamUpdate(
              new NDList(w, g, m, v),
              new NDList(w),
              (float) lr,
              (float) corr,
              (float) weightDecay,
              rescale,
              -1f,
              (float) beta1,
              (float) beta2,
              (float) eps,
              true,
              true);
      g.subi(g);
      g.close();
    }
    return norm;
  }

  /**
   * The global L2 norm of the current gradients: one fused norm per parameter (no parameter-sized
   * temporaries), summed on the host.
   */
  public double gradientNorm() {
    double sum = 0;
    for (Parameter p : params) {
      NDArray g = p.getArray().getGradient();
      NDArray n = g.norm();
      double v = n.getFloat();
      n.close();
      g.close();
      sum += v * v;
    }
    return Math.sqrt(sum);
  }

  /**
   * Why the last skipped update was skipped: the first parameter whose gradient norm was not
   * finite, and whether that gradient held NaN, infinite values, or finite values too large for
   * float32 to square and sum (the norm overflows although every value is finite).
   */
  public String lastSkipReason() {
    return lastSkipReason;
  }

  private String describeNonFinite() {
    for (int i = 0; i < params.size(); i++) {
      NDArray g = params.get(i).getArray().getGradient();
      try (NDManager sm = g.getManager().newSubManager()) {
        sm.attachAll(g); // closed with sm, as gradientNorm closes its gradient handles
        NDArray n = g.norm();
        if (Float.isFinite(n.getFloat())) {
          continue;
        }
        String what;
        if (g.isNaN().any().getBoolean()) {
          what = "NaN values";
        } else if (g.isInfinite().any().getBoolean()) {
          what = "infinite values";
        } else {
          what = "finite values up to " + g.abs().max().getFloat() + " whose squared sum overflows";
        }
        return "gradient of parameter "
            + i
            + " ("
            + params.get(i).getName()
            + ", "
            + g.getShape()
            + ") has "
            + what;
      }
    }
    return "the summed squares of the gradients overflow";
  }

  /** The state as arrays: [step, m0, v0, m1, v1, ...] (for saving). */
  public NDList state(NDManager m) {
    NDList out = new NDList();
    out.add(m.create(new int[] {t}));
    for (int i = 0; i < params.size(); i++) {
      out.add(mean.get(i));
      out.add(var.get(i));
    }
    return out;
  }

  /** Restores a state written by {@link #state}. */
  public void load(NDList state) {
    if (state.size() != 1 + 2 * params.size()) {
      throw new IllegalArgumentException(
          "optimizer state has " + state.size() + " arrays, expected " + (1 + 2 * params.size()));
    }
    t = state.get(0).toIntArray()[0];
    for (int i = 0; i < params.size(); i++) {
      mean.get(i).set(state.get(1 + 2 * i).toFloatArray());
      var.get(i).set(state.get(2 + 2 * i).toFloatArray());
    }
  }
}
