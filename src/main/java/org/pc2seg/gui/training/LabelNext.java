package org.pc2seg.gui.training;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import org.pc2seg.active.ActiveRanker;
import org.pc2seg.active.RankedImage;
import org.pc2seg.active.RankingStore;
import org.pc2seg.gui.StudioWindow;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.Project;

/**
 * "Label next" in the GUI: the ranking of {@code org.pc2seg.active} as a score in the image list, a
 * sort order by it, and N to jump to the top unlabeled suggestion. The ranking is recomputed after
 * each training round (off the FX thread) and saved in {@code predictions/ranking.json}.
 */
public final class LabelNext {
  /** Name of the image list's sort order. */
  public static final String SORT = "Label-next score";

  private final StudioWindow window;
  private final TrainingEngine engine;
  private final Executor executor;
  private volatile Map<String, RankedImage> ranking = Map.of();

  LabelNext(StudioWindow window, TrainingEngine engine, Executor executor) {
    this.window = window;
    this.engine = engine;
    this.executor = executor;
    window
        .imageList()
        .addSortOrder(
            SORT,
            Comparator.comparingInt((ImageItem i) -> rankOf(i)).thenComparing(ImageItem::path));
  }

  private int rankOf(ImageItem i) {
    RankedImage r = ranking.get(i.path());
    return r == null || i.status() == ImageStatus.LABELED ? Integer.MAX_VALUE : r.rank();
  }

  /** Loads the saved ranking of a newly opened project. */
  void projectChanged(Project p) {
    ranking = Map.of();
    if (p == null) {
      return;
    }
    executor.execute(
        () -> {
          try {
            RankingStore.read(p).ifPresent(s -> show(s.byId()));
          } catch (Exception e) {
            Platform.runLater(() -> window.workspace().messageProperty().set(e.getMessage()));
          }
        });
  }

  /** Ranks the pool with the model in {@code runDir}; call on a background thread. */
  public void rank(Project p, Path runDir, CancelToken cancel) throws Exception {
    ActiveRanker ranker = ActiveRanker.builder().setSource(engine.probabilities(p, runDir)).build();
    List<ImageItem> pool =
        p.unlabeledPool().stream().filter(i -> i.status() != ImageStatus.LABELED).toList();
    List<RankedImage> r =
        ranker.rank(
            p,
            pool,
            (done, total) -> {
              if (done % 10 == 0) {
                Platform.runLater(
                    () ->
                        window
                            .workspace()
                            .messageProperty()
                            .set("Ranking images for label-next: " + done + " / " + total));
              }
            },
            cancel);
    if (cancel.isCancelled() || r.isEmpty()) {
      return;
    }
    RankingStore.write(p, ranker.measure(), 0, r);
    show(RankingStore.read(p).map(RankingStore.Saved::byId).orElse(Map.of()));
    Platform.runLater(
        () ->
            window
                .workspace()
                .messageProperty()
                .set("Label-next ranking updated (" + ranker.measure().cliName() + "). Press N."));
  }

  private void show(Map<String, RankedImage> byId) {
    ranking = Map.copyOf(byId);
    Platform.runLater(() -> window.imageList().refresh());
  }

  /** Text for the image list: " · next #3 (0.42)" for ranked unlabeled images. */
  String annotation(ImageItem item) {
    RankedImage r = ranking.get(item.path());
    if (r == null || item.status() == ImageStatus.LABELED) {
      return "";
    }
    return String.format(Locale.ROOT, " · next #%d (%.2f)", r.rank(), r.score());
  }

  /** The best-ranked image that is still unlabeled, if any. */
  public java.util.Optional<ImageItem> top() {
    Project p = window.workspace().project();
    if (p == null) {
      return java.util.Optional.empty();
    }
    return p.items().stream()
        .filter(i -> rankOf(i) != Integer.MAX_VALUE)
        .min(Comparator.comparingInt(this::rankOf));
  }

  /** Shows the top suggestion (N). */
  public void jump() {
    top()
        .ifPresentOrElse(
            i -> {
              window.imageList().select(i);
              window.workspace().show(i);
            },
            () ->
                window
                    .workspace()
                    .messageProperty()
                    .set("No label-next ranking yet: train a model first."));
  }

  /** Ranked images by path. */
  public Map<String, RankedImage> ranking() {
    return ranking;
  }
}
