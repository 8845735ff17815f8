package org.pc2seg.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pc2seg.image.IndexMask;

/**
 * Edits one image's mask in strokes, with per-image undo/redo. A stroke starts with {@link
 * #beginStroke}, changes pixels through {@link #fillSpan} (the primitive every tool uses, see
 * {@link MaskPainter}), and ends with {@link #endStroke}, which keeps the old and new values of the
 * touched 64×64 tiles as one {@link MaskEdit}. The session lives as long as the workspace keeps it,
 * so undo survives switching images. Not thread-safe: use it from one thread.
 */
public final class MaskEditSession {
  /** Tile edge used to record changes. */
  public static final int TILE = 64;

  private final IndexMask mask;
  private final UndoHistory history;
  private final int tilesX;
  private final Map<Integer, byte[]> strokeBefore = new LinkedHashMap<>();
  private EditSink sink;
  private String strokeLabel;
  private Rect strokeBounds = Rect.EMPTY;
  private long revision;
  private long savedRevision;

  public MaskEditSession(IndexMask mask) {
    this(mask, new UndoHistory());
  }

  public MaskEditSession(IndexMask mask, UndoHistory history) {
    this.mask = mask;
    this.history = history;
    this.tilesX = (mask.width() + TILE - 1) / TILE;
  }

  public IndexMask mask() {
    return mask;
  }

  public UndoHistory history() {
    return history;
  }

  /** Where applied edits go (the crash journal); null for none. */
  public void setSink(EditSink sink) {
    this.sink = sink;
  }

  public boolean inStroke() {
    return strokeLabel != null;
  }

  /** Starts a stroke; a stroke already open is ended first. */
  public void beginStroke(String label) {
    if (inStroke()) {
      endStroke();
    }
    strokeLabel = label;
    strokeBounds = Rect.EMPTY;
    strokeBefore.clear();
  }

  /**
   * Sets pixels {@code [x0, x1)} of row {@code y} to {@code value}, clipped to the mask. Must be
   * inside a stroke.
   */
  public void fillSpan(int y, int x0, int x1, int value) {
    if (!inStroke()) {
      throw new IllegalStateException("fillSpan outside a stroke");
    }
    if (y < 0 || y >= mask.height()) {
      return;
    }
    int a = Math.max(0, x0);
    int b = Math.min(mask.width(), x1);
    if (a >= b) {
      return;
    }
    int ty = y / TILE;
    for (int tx = a / TILE; tx <= (b - 1) / TILE; tx++) {
      touch(tx, ty);
    }
    byte[] d = mask.data();
    int row = y * mask.width();
    java.util.Arrays.fill(d, row + a, row + b, (byte) value);
    strokeBounds = strokeBounds.union(new Rect(a, y, b - a, 1));
  }

  /** The region changed so far by the open stroke. */
  public Rect strokeBounds() {
    return strokeBounds;
  }

  /**
   * Ends the stroke: records it for undo when it changed anything and passes it to the sink.
   *
   * @return the edit, empty when no pixel changed
   */
  public Optional<MaskEdit> endStroke() {
    if (!inStroke()) {
      return Optional.empty();
    }
    List<TilePatch> patches = new ArrayList<>();
    Rect bounds = Rect.EMPTY;
    for (Map.Entry<Integer, byte[]> e : strokeBefore.entrySet()) {
      int tx = e.getKey() % tilesX;
      int ty = e.getKey() / tilesX;
      Rect r = tileRect(tx, ty);
      byte[] after = read(r);
      if (!java.util.Arrays.equals(after, e.getValue())) {
        patches.add(new TilePatch(r.x(), r.y(), r.w(), r.h(), e.getValue(), after));
        bounds = bounds.union(r);
      }
    }
    String label = strokeLabel;
    strokeLabel = null;
    strokeBefore.clear();
    if (patches.isEmpty()) {
      return Optional.empty();
    }
    MaskEdit edit = new MaskEdit(label, patches, bounds);
    history.push(edit);
    revision++;
    if (sink != null) {
      sink.applied(edit, true);
    }
    return Optional.of(edit);
  }

  /** Undoes the last edit; returns the changed region. */
  public Optional<Rect> undo() {
    endStroke();
    return history.popUndo().map(e -> apply(e, false));
  }

  /** Redoes the last undone edit; returns the changed region. */
  public Optional<Rect> redo() {
    endStroke();
    return history.popRedo().map(e -> apply(e, true));
  }

  /** True when the mask differs from the last saved (or loaded) state. */
  public boolean isDirty() {
    return revision != savedRevision;
  }

  /** A counter that changes with every applied edit, undo or redo. */
  public long revision() {
    return revision;
  }

  /** Marks the state at {@code rev} as saved. */
  public void markSaved(long rev) {
    savedRevision = rev;
  }

  private Rect apply(MaskEdit e, boolean forward) {
    for (TilePatch p : e.patches()) {
      write(new Rect(p.x(), p.y(), p.w(), p.h()), forward ? p.after() : p.before());
    }
    revision++;
    if (sink != null) {
      sink.applied(e, forward);
    }
    return e.bounds();
  }

  private void touch(int tx, int ty) {
    int key = ty * tilesX + tx;
    if (!strokeBefore.containsKey(key)) {
      strokeBefore.put(key, read(tileRect(tx, ty)));
    }
  }

  private Rect tileRect(int tx, int ty) {
    int x = tx * TILE;
    int y = ty * TILE;
    return new Rect(x, y, Math.min(TILE, mask.width() - x), Math.min(TILE, mask.height() - y));
  }

  private byte[] read(Rect r) {
    byte[] out = new byte[r.w() * r.h()];
    byte[] d = mask.data();
    for (int j = 0; j < r.h(); j++) {
      System.arraycopy(d, (r.y() + j) * mask.width() + r.x(), out, j * r.w(), r.w());
    }
    return out;
  }

  private void write(Rect r, byte[] src) {
    byte[] d = mask.data();
    for (int j = 0; j < r.h(); j++) {
      System.arraycopy(src, j * r.w(), d, (r.y() + j) * mask.width() + r.x(), r.w());
    }
  }
}
