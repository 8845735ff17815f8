package org.pc2seg.edit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Undo and redo stacks of {@link MaskEdit}s for one image.
 *
 * <p>Memory cost: each edit keeps the old and new values of every 64×64 tile it changed, i.e. 8 KiB
 * per changed tile (a 30 px brush stroke across 500 px touches about 20 tiles: 160 KiB). The
 * history holds at most {@code maxBytes} (default 64 MiB per image); the oldest edits are dropped
 * first, so undo depth is bounded by memory, not by a count.
 */
public final class UndoHistory {
  /** Default memory budget per image. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  private final Deque<MaskEdit> undo = new ArrayDeque<>();
  private final Deque<MaskEdit> redo = new ArrayDeque<>();
  private final long maxBytes;
  private long bytes;

  public UndoHistory() {
    this(DEFAULT_MAX_BYTES);
  }

  public UndoHistory(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Records a new edit; clears the redo stack. */
  public void push(MaskEdit e) {
    for (MaskEdit r : redo) {
      bytes -= r.bytes();
    }
    redo.clear();
    undo.push(e);
    bytes += e.bytes();
    while (bytes > maxBytes && undo.size() > 1) {
      bytes -= undo.removeLast().bytes();
    }
  }

  /** Takes the edit to undo and moves it to the redo stack. */
  public Optional<MaskEdit> popUndo() {
    MaskEdit e = undo.poll();
    if (e != null) {
      redo.push(e);
    }
    return Optional.ofNullable(e);
  }

  /** Takes the edit to redo and moves it back to the undo stack. */
  public Optional<MaskEdit> popRedo() {
    MaskEdit e = redo.poll();
    if (e != null) {
      undo.push(e);
    }
    return Optional.ofNullable(e);
  }

  public boolean canUndo() {
    return !undo.isEmpty();
  }

  public boolean canRedo() {
    return !redo.isEmpty();
  }

  public int undoDepth() {
    return undo.size();
  }

  public int redoDepth() {
    return redo.size();
  }

  /** Bytes held by both stacks. */
  public long bytes() {
    return bytes;
  }
}
