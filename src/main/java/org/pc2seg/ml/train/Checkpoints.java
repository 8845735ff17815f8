package org.pc2seg.ml.train;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.pc2seg.io.AtomicFiles;
import org.pc2seg.io.FileTrees;

/**
 * Writes and reads resumable checkpoints: weights (BatchNorm statistics included), the optimizer
 * state and the metrics so far. A new checkpoint is written into a fresh folder and swapped in, so
 * a crash leaves the previous one intact.
 */
final class Checkpoints {
  static final String MODEL = "model.params";
  static final String OPTIMIZER = "optimizer.ndlist";
  static final String STATE = "state.json";

  /** The saved state beside the arrays. */
  record State(int step, MetricsLog metrics) {}

  private Checkpoints() {}

  static void write(RunFolder run, Model model, AdamW opt, NDManager m, int step, MetricsLog log)
      throws IOException {
    Path dir = run.checkpointDir();
    Path fresh = dir.resolveSibling(RunFolder.CHECKPOINT + ".new");
    Path old = dir.resolveSibling(RunFolder.CHECKPOINT + ".old");
    FileTrees.deleteTree(fresh);
    Files.createDirectories(fresh);
    RunFolder.saveWeights(model, fresh.resolve(MODEL));
    try (NDManager sm = m.newSubManager()) {
      NDList state = opt.state(sm);
      RunFolder.saveArrays(state, fresh.resolve(OPTIMIZER));
    }
    AtomicFiles.writeString(fresh.resolve(STATE), RunFolder.GSON.toJson(new State(step, log)));
    FileTrees.deleteTree(old);
    if (Files.exists(dir)) {
      Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
    FileTrees.deleteTree(old);
  }

  /** The checkpoint folder to resume from (the previous one if a swap was interrupted). */
  static Path find(RunFolder run) throws IOException {
    Path dir = run.checkpointDir();
    if (Files.exists(dir.resolve(STATE))) {
      return dir;
    }
    Path old = dir.resolveSibling(RunFolder.CHECKPOINT + ".old");
    if (Files.exists(old.resolve(STATE))) {
      return old;
    }
    throw new IOException("no checkpoint to resume in " + run.dir());
  }

  static State read(Path dir, Model model, AdamW opt, NDManager m) throws IOException {
    State s = RunFolder.GSON.fromJson(Files.readString(dir.resolve(STATE)), State.class);
    RunFolder.loadWeights(model, dir.resolve(MODEL));
    try (NDManager sm = m.newSubManager()) {
      opt.load(RunFolder.loadArrays(sm, dir.resolve(OPTIMIZER)));
    }
    return s;
  }
}
