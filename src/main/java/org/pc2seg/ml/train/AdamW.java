package org.pc2seg.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.pc2seg.ml.tensor.NoGrad;

/**
 * AdamW whose whole state (first and second moments, step count) is held here and can be saved and
 * restored, which DJL's built-in optimizer cannot do: that is what makes resume exact. Each
 * parameter is updated in place by a short sequence of in-place native operations ({@link
 * #update}).
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
   * norm clipping) within the update.
   *
   * @return the global gradient norm before clipping, or NaN when the update was skipped
   */
  public double step(double lr, double maxNorm) {
    double norm = gradientNorm();
    if (!Double.isFinite(norm)) {
      lastSkipReason = describeNonFinite();
      for (Parameter p : params) {
        JniUtils.zeroGrad((PtNDArray) p.getArray());
      }
      return Double.NaN;
    }
    float rescale = maxNorm > 0 && norm > maxNorm ? (float) (maxNorm / norm) : 1f;
    t++;
    double corr = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
    NDArray first = params.get(0).getArray();
    // in-place operations on weights that require gradients are refused while autograd records
    try (NoGrad off = NoGrad.enter();
        NDManager sm = first.getManager().newSubManager()) {
      Coefficients c = new Coefficients(sm, first.getDataType(), lr, corr, rescale);
      for (int i = 0; i < params.size(); i++) {
        NDArray w = params.get(i).getArray();
        NDArray g = w.getGradient();
        update(w, g, mean.get(i), var.get(i), c);
        g.close();
      }
    }
    return norm;
  }

  /**
   * One step's constants as 0-d arrays, made once for all parameters rather than once per operation
   * (DJL's number arithmetic would make one per call, in Java memory).
   */
  private final class Coefficients {
    final boolean decays;
    final NDArray decay;
    final NDArray gradScale;
    final NDArray beta1;
    final NDArray squareScale;
    final NDArray beta2;
    final NDArray eps;
    final NDArray corr;

    Coefficients(NDManager m, DataType type, double lr, double corr, float s) {
      double b1 = AdamW.this.beta1;
      decays = weightDecay > 0;
      decay = constant(m, type, lr * weightDecay);
      gradScale = constant(m, type, s * (1 - b1));
      beta1 = constant(m, type, b1);
      squareScale = constant(m, type, (1 - AdamW.this.beta2) / ((1 - b1) * (1 - b1)));
      beta2 = constant(m, type, AdamW.this.beta2);
      eps = constant(m, type, AdamW.this.eps);
      this.corr = constant(m, type, corr);
    }

    private static NDArray constant(NDManager m, DataType type, double value) {
      return m.full(new Shape(), (float) value, type);
    }
  }

  /**
   * The AdamW update of one parameter, in place, with the gradient as scratch space (it is zeroed
   * afterwards): w ← w − lr·wd·w − corr · m / (√v + ε), with m ← β1·m + (1 − β1)·s·g and v ← β2·v +
   * (1 − β2)·(s·g)², s the clipping factor and corr = lr·√(1 − β2^t) / (1 − β1^t).
   *
   * <p>The same formula as DJL's fused {@code adamUpdate}, which the app used before: that call
   * clones the gradient and makes six more full-size temporaries per parameter (two for the weight
   * decay alone). Here the gradient is scaled once and squared in place, the squared scale is
   * folded into one multiplication, and the only new arrays are the decay term, √v and the step:
   * three temporaries instead of seven, for about as many passes over memory. {@code
   * tools/OptimizerBench.java} times the two against each other.
   */
  private static void update(NDArray w, NDArray g, NDArray m, NDArray v, Coefficients c) {
    if (c.decays) {
      // w −= (lr·wd)·w, not w ·= 1 − lr·wd: in float32, 1 − 1e-7 rounds to 1 − 1.19e-7
      try (NDArray decay = w.mul(c.decay)) {
        w.subi(decay);
      }
    }
    g.muli(c.gradScale); // g' = (1 − β1)·s·g
    m.muli(c.beta1).addi(g); // m = β1·m + g'
    g.muli(g).muli(c.squareScale); // g'² · (1 − β2) / (1 − β1)² = (1 − β2)·(s·g)²
    v.muli(c.beta2).addi(g);
    try (NDArray d = v.sqrt()) {
      d.addi(c.eps);
      try (NDArray u = m.div(d)) {
        w.subi(u.muli(c.corr));
      }
    }
    JniUtils.zeroGrad((PtNDArray) w);
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
