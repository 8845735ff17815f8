package org.pc2seg.edit;

import java.nio.file.Path;
import org.pc2seg.image.IndexMask;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;

/**
 * Child process of {@link JournalKillTest}: paints strokes into a journaled session, printing
 * "STROKE n" after each, then keeps a stroke open and waits to be killed.
 */
public final class JournalKillChild {
  private JournalKillChild() {}

  public static void main(String[] args) throws Exception {
    Project p = ProjectStore.open(Path.of(args[0]));
    int strokes = Integer.parseInt(args[1]);
    ImageItem item = p.items().get(0);
    MaskEditSession s = new MaskEditSession(IndexMask.blank(item.width(), item.height()));
    s.setSink(new StrokeJournal(p.root()).sinkFor(item.stem(), item.width(), item.height()));
    for (int i = 0; i < strokes; i++) {
      paint(s, i);
      System.out.println("STROKE " + (i + 1));
      System.out.flush();
    }
    s.beginStroke("unfinished");
    MaskPainter.disc(s, 60, 40, 80, 2);
    System.out.println("OPEN");
    System.out.flush();
    Thread.sleep(60_000);
  }

  /** The deterministic stroke number {@code i}. */
  static void paint(MaskEditSession s, int i) {
    s.beginStroke("Brush");
    MaskPainter.line(s, 3 + i * 9, 5, 10 + i * 7, 70, 5, 1 + i % 2);
    s.endStroke();
  }
}
