package org.pc2seg.ml.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loss curve and validation history of a run, serialised into metrics.json and checkpoints. */
final class MetricsLog {
  /**
   * One logged step; {@code grad_norm} is the global gradient norm before clipping (null: update
   * skipped).
   */
  record LossPoint(
      int step, double loss, double ce, double cy, double ctr, double lr, Double grad_norm) {}

  /** One validation, in JSON-friendly form. */
  record Val(int step, double miou, double[] per_class_iou, double pixel_acc) {
    static Val of(ValidationMetrics m) {
      return new Val(m.step(), m.miou(), m.perClassIou(), m.pixelAccuracy());
    }

    ValidationMetrics metrics() {
      return new ValidationMetrics(step, miou, per_class_iou, pixel_acc);
    }
  }

  List<LossPoint> losses = new ArrayList<>();
  List<Val> validations = new ArrayList<>();
  Val best;
  long wallMillis;

  /** The batch-norm mode the steps used ({@code auto} resolved), null for supervised runs. */
  String unlabeledBatchNorm;

  ValidationMetrics last() {
    return validations.isEmpty() ? null : validations.get(validations.size() - 1).metrics();
  }

  ValidationMetrics bestMetrics() {
    return best == null ? null : best.metrics();
  }

  /** Records a validation; true when it is the best so far. */
  boolean addValidation(ValidationMetrics m) {
    Val v = Val.of(m);
    validations.add(v);
    if (best == null || v.miou() > best.miou()) {
      best = v;
      return true;
    }
    return false;
  }

  Map<String, Object> toJson(TrainingResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (r != null) {
      m.put("stop_reason", r.reason().name().toLowerCase(java.util.Locale.ROOT));
      m.put("message", r.message());
      m.put("steps_done", r.stepsDone());
    }
    m.put("wall_ms", wallMillis);
    if (unlabeledBatchNorm != null) {
      m.put("unlabeled_batch_norm", unlabeledBatchNorm);
    }
    if (!validations.isEmpty()) {
      m.put("last", validations.get(validations.size() - 1));
      m.put("best", best);
    }
    m.put("validations", validations);
    m.put("losses", losses);
    return m;
  }
}
