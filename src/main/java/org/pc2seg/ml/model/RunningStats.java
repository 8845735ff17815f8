package org.pc2seg.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of every batch norm's running mean and variance in a block, to put back after a forward
 * pass in training mode that must not change them (a training-mode pass normalises by the batch's
 * own statistics and also blends them into the running ones).
 *
 * <p>Restore only after the backward pass: autograd keeps the running arrays of the pass and
 * refuses a backward through arrays changed in place.
 */
public final class RunningStats {
  private final List<NDArray> live = new ArrayList<>();
  private final List<float[]> saved = new ArrayList<>();

  private RunningStats() {}

  /** Copies the running statistics of every batch norm in {@code block} (initialised). */
  public static RunningStats snapshot(Block block) {
    RunningStats s = new RunningStats();
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter.Type t = p.getValue().getType();
      if (t == Parameter.Type.RUNNING_MEAN || t == Parameter.Type.RUNNING_VAR) {
        NDArray a = p.getValue().getArray();
        s.live.add(a);
        s.saved.add(a.toFloatArray());
      }
    }
    return s;
  }

  /** Number of running arrays held (two per batch norm). */
  public int size() {
    return live.size();
  }

  /** Writes the copied values back into the block's running arrays, in place. */
  public void restore() {
    for (int i = 0; i < live.size(); i++) {
      live.get(i).set(saved.get(i));
    }
  }
}
