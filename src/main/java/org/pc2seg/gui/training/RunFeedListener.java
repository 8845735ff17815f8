package org.pc2seg.gui.training;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.pc2seg.ml.train.NegativeDraws;
import org.pc2seg.ml.train.TrainingListener;
import org.pc2seg.ml.train.TrainingProgress;
import org.pc2seg.project.Project;

/**
 * What the app does with a run's checkpoints and drawn negatives, on the FX thread: a checkpoint of
 * the run trained on the open project previews the visible image, and each step's drawn negatives
 * feed the aggregate view.
 */
final class RunFeedListener implements TrainingListener {
  private final Supplier<Project> open;
  private final Supplier<Project> trained;
  private final PoolPredictions pool;
  private final NegativeDrawStats draws;

  /**
   * @param open the project open in the window now
   * @param trained the project the current run trains on
   */
  RunFeedListener(
      Supplier<Project> open,
      Supplier<Project> trained,
      PoolPredictions pool,
      NegativeDrawStats draws) {
    this.open = open;
    this.trained = trained;
    this.pool = pool;
    this.draws = draws;
  }

  @Override
  public void onProgress(TrainingProgress p) {}

  @Override
  public void onCheckpoint(Path dir, int step) {
    Project p = open.get();
    if (p != null && p == trained.get() && dir != null && dir.getParent() != null) {
      pool.preview(p, dir.getParent(), step);
    }
  }

  @Override
  public void onNegatives(NegativeDraws d) {
    draws.add(
        d.step(), d.images(), d.countsPerImage(), d.gridWidth(), d.gridHeight(), d.pixelCounts());
  }
}
