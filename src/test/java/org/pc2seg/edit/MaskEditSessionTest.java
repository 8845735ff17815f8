package org.pc2seg.edit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pc2seg.image.IndexMask;

class MaskEditSessionTest {
  @Test
  void brushStrokeUndoRedo() {
    MaskEditSession s = new MaskEditSession(IndexMask.blank(300, 200));
    s.beginStroke("Brush");
    MaskPainter.line(s, 10, 10, 150, 100, 9, 2);
    MaskEdit e = s.endStroke().orElseThrow();
    assertThat(s.mask().get(10, 10)).isEqualTo(2);
    assertThat(s.mask().get(80, 55)).isEqualTo(2);
    assertThat(s.mask().get(200, 10)).isEqualTo(255);
    assertThat(e.patches()).isNotEmpty();
    assertThat(e.bytes()).isEqualTo(2L * e.patches().size() * 64 * 64);
    IndexMask painted = s.mask().copy();
    assertThat(s.isDirty()).isTrue();

    assertThat(s.undo()).isPresent();
    assertThat(s.mask()).isEqualTo(IndexMask.blank(300, 200));
    assertThat(s.history().canRedo()).isTrue();
    assertThat(s.redo()).isPresent();
    assertThat(s.mask()).isEqualTo(painted);
  }

  @Test
  void eraserRestoresIgnore() {
    MaskEditSession s = new MaskEditSession(IndexMask.blank(100, 100));
    s.beginStroke("Brush");
    MaskPainter.disc(s, 50, 50, 20, 1);
    s.endStroke();
    s.beginStroke("Eraser");
    MaskPainter.disc(s, 50, 50, 30, IndexMask.IGNORE);
    s.endStroke();
    assertThat(s.mask().labeledPixels()).isZero();
    assertThat(s.history().undoDepth()).isEqualTo(2);
  }

  @Test
  void discHasExpectedArea() {
    MaskEditSession s = new MaskEditSession(IndexMask.blank(100, 100));
    s.beginStroke("Brush");
    MaskPainter.disc(s, 50, 50, 20, 1);
    s.endStroke();
    assertThat((double) s.mask().labeledPixels()).isCloseTo(Math.PI * 100, within(12));
  }

  @Test
  void floodFillStopsAtBoundary() {
    MaskEditSession s = new MaskEditSession(IndexMask.blank(50, 50));
    s.beginStroke("Line");
    for (int y = 0; y < 50; y++) {
      s.fillSpan(y, 20, 21, 0);
    }
    s.endStroke();
    s.beginStroke("Fill");
    Rect r = MaskPainter.floodFill(s, 5, 5, 3);
    s.endStroke();
    assertThat(r).isEqualTo(new Rect(0, 0, 20, 50));
    assertThat(s.mask().get(19, 49)).isEqualTo(3);
    assertThat(s.mask().get(20, 10)).isEqualTo(0);
    assertThat(s.mask().get(21, 10)).isEqualTo(255);
    s.beginStroke("Fill");
    assertThat(MaskPainter.floodFill(s, 5, 5, 3).isEmpty()).isTrue();
    assertThat(s.endStroke()).isEmpty();
  }

  @Test
  void polygonFillsTriangle() {
    MaskEditSession s = new MaskEditSession(IndexMask.blank(100, 100));
    s.beginStroke("Polygon");
    MaskPainter.polygon(s, new double[] {10, 90, 10}, new double[] {10, 10, 90}, 1);
    s.endStroke();
    assertThat(s.mask().get(15, 15)).isEqualTo(1);
    assertThat(s.mask().get(85, 85)).isEqualTo(255);
    assertThat((double) s.mask().labeledPixels()).isCloseTo(3200, within(100));
  }

  @Test
  void historyDropsOldestOverBudget() {
    UndoHistory h = new UndoHistory(3 * 8192L);
    MaskEditSession s = new MaskEditSession(IndexMask.blank(64, 64), h);
    for (int i = 0; i < 5; i++) {
      s.beginStroke("Dot");
      s.fillSpan(0, 0, 1, i);
      s.endStroke();
    }
    assertThat(h.undoDepth()).isEqualTo(3);
    assertThat(h.bytes()).isLessThanOrEqualTo(3 * 8192L);
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
