package org.pc2seg.gui;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.pc2seg.edit.MaskEditSession;
import org.pc2seg.edit.StrokeJournal;
import org.pc2seg.edit.UndoHistory;
import org.pc2seg.image.IndexMask;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.MaskStore;
import org.pc2seg.project.Project;

/**
 * Owns the mask edit sessions of one project: creates them with their per-image undo history (kept
 * for the last {@value #HISTORY_IMAGES} images, so undo survives switching), journals every stroke,
 * and saves masks on a single background thread (atomic write, then the journal of the saved
 * strokes is dropped). A session stays in memory while it is shown or has a save pending.
 */
public final class MaskSaver implements AutoCloseable {
  /** How many images keep their undo history. */
  public static final int HISTORY_IMAGES = 50;

  private final Project project;
  private final StrokeJournal journal;
  private final Map<String, MaskEditSession> live = new HashMap<>();
  private final Map<String, UndoHistory> histories =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, UndoHistory> e) {
          return size() > HISTORY_IMAGES;
        }
      };
  private final Map<String, Integer> pending = new HashMap<>();
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "pc2seg-mask-writer");
            t.setDaemon(false);
            return t;
          });
  private final Consumer<String> onError;
  private final Runnable onChange;
  private String current;

  /**
   * @param onError receives messages of failed saves (FX thread)
   * @param onChange runs when a save finished (FX thread)
   */
  public MaskSaver(Project project, Consumer<String> onError, Runnable onChange) {
    this.project = project;
    this.journal = new StrokeJournal(project.root());
    this.onError = onError;
    this.onChange = onChange;
  }

  /** The in-memory session of an image, if it is shown or being saved. */
  public Optional<MaskEditSession> live(ImageItem item) {
    return Optional.ofNullable(live.get(item.stem()));
  }

  /** A session for a mask read from disk (or blank), with the image's undo history and journal. */
  public MaskEditSession open(ImageItem item, IndexMask mask) {
    current = item.stem();
    MaskEditSession existing = live.get(item.stem());
    if (existing != null) {
      return existing;
    }
    UndoHistory h = histories.computeIfAbsent(item.stem(), k -> new UndoHistory());
    MaskEditSession s = new MaskEditSession(mask, h);
    s.setSink(journal.sinkFor(item.stem(), mask.width(), mask.height()));
    live.put(item.stem(), s);
    return s;
  }

  /** The image is no longer shown: save it if needed; its mask memory goes once saved. */
  public void leave(ImageItem item) {
    if (item.stem().equals(current)) {
      current = null;
    }
    save(item);
    if (!pending.containsKey(item.stem())) {
      live.remove(item.stem());
    }
  }

  /** True when any session has unsaved edits or a save is still running. */
  public boolean hasUnsaved() {
    return !pending.isEmpty() || live.values().stream().anyMatch(MaskEditSession::isDirty);
  }

  /** Saves an image's mask in the background if it changed. Call on the FX thread. */
  public void save(ImageItem item) {
    MaskEditSession s = live.get(item.stem());
    if (s == null || !s.isDirty()) {
      return;
    }
    String stem = item.stem();
    IndexMask snapshot = s.mask().copy();
    long rev = s.revision();
    try {
      journal.beginSave(stem);
    } catch (IOException e) {
      onError.accept("Cannot rotate the stroke journal of " + item.path() + ": " + e.getMessage());
      return;
    }
    pending.merge(stem, 1, Integer::sum);
    writer.execute(
        () -> {
          String error = null;
          try {
            if (snapshot.labeledPixels() == 0) {
              MaskStore.delete(project, item);
            } else {
              MaskStore.write(project, item, snapshot);
            }
            journal.endSave(stem, true);
          } catch (IOException | RuntimeException e) {
            error = "Cannot save the mask of " + item.path() + ": " + e.getMessage();
          }
          String err = error;
          Platform.runLater(
              () -> {
                if (err == null) {
                  s.markSaved(rev);
                } else {
                  onError.accept(err + " (your strokes are kept in the journal)");
                }
                if (pending.merge(stem, -1, Integer::sum) <= 0) {
                  pending.remove(stem);
                  if (!stem.equals(current) && !s.isDirty()) {
                    live.remove(stem);
                  }
                }
                onChange.run();
              });
        });
  }

  /** Saves every live session. */
  public void saveAll() {
    for (String stem : java.util.List.copyOf(live.keySet())) {
      project.items().stream().filter(i -> i.stem().equals(stem)).findFirst().ifPresent(this::save);
    }
  }

  /** Waits for the saves queued so far (for exit and tests). */
  public boolean awaitSaves(long millis) {
    Future<?> f = writer.submit(() -> {});
    try {
      f.get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** Drops every session and history (after the class table changed the masks on disk). */
  public void forgetAll() {
    live.clear();
    histories.clear();
  }

  public StrokeJournal journal() {
    return journal;
  }

  @Override
  public void close() {
    saveAll();
    writer.shutdown();
    try {
      writer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    journal.close();
  }
}
