package org.pc2seg.ml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CutMixTest {

  static final int CROP = 64;
  static final int CELLS = CROP / CutMix.CELL;

  @Test
  void everyImageGetsOneCellAlignedRectangleFromAnotherImage() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int draw = 0; draw < 200; draw++) {
      CutMix mix = CutMix.draw(4, CROP, 1.0, rng);
      assertThat(mix.any()).isTrue();
      float[] cells = mix.cellMask();
      float[] full = mix.inputMask();
      int[] source = mix.sourceImage();
      for (int a = 0; a < 4; a++) {
        assertThat(mix.partner(a)).isNotEqualTo(a).isBetween(0, 3);
        int pasted = 0;
        int minY = CELLS;
        int maxY = -1;
        int minX = CELLS;
        int maxX = -1;
        for (int y = 0; y < CELLS; y++) {
          for (int x = 0; x < CELLS; x++) {
            int i = (a * CELLS + y) * CELLS + x;
            boolean own = cells[i] == 1f;
            assertThat(cells[i] == 0f || own).isTrue();
            assertThat(source[i]).isEqualTo(own ? a : mix.partner(a));
            if (!own) {
              pasted++;
              minY = Math.min(minY, y);
              maxY = Math.max(maxY, y);
              minX = Math.min(minX, x);
              maxX = Math.max(maxX, x);
            }
            // the input mask is the cell mask, each cell 4×4 input pixels
            for (int dy = 0; dy < CutMix.CELL; dy++) {
              for (int dx = 0; dx < CutMix.CELL; dx++) {
                int py = y * CutMix.CELL + dy;
                int px = x * CutMix.CELL + dx;
                assertThat(full[(a * CROP + py) * CROP + px]).isEqualTo(cells[i]);
              }
            }
          }
        }
        // one solid rectangle covering about a quarter to a half of the crop
        assertThat(pasted).isEqualTo((maxY - minY + 1) * (maxX - minX + 1));
        assertThat((double) pasted / (CELLS * CELLS)).isBetween(0.2, 0.56);
      }
    }
  }

  @Test
  void partnersAreDrawnFromAllOtherImages() {
    SplittableRandom rng = new SplittableRandom(5);
    int[][] seen = new int[4][4];
    for (int draw = 0; draw < 3000; draw++) {
      CutMix mix = CutMix.draw(4, CROP, 1.0, rng);
      for (int a = 0; a < 4; a++) {
        seen[a][mix.partner(a)]++;
      }
    }
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 4; b++) {
        if (a == b) {
          assertThat(seen[a][b]).isZero();
        } else {
          assertThat(seen[a][b]).as("%d from %d", a, b).isBetween(800, 1200);
        }
      }
    }
  }

  @Test
  void probabilityZeroOrASingleImageMixesNothing() {
    SplittableRandom rng = new SplittableRandom(1);
    for (CutMix mix :
        new CutMix[] {
          CutMix.draw(4, CROP, 0.0, rng), CutMix.draw(1, CROP, 1.0, rng), CutMix.none(3, CROP)
        }) {
      assertThat(mix.any()).isFalse();
      assertThat(mix.inputMask()).containsOnly(1f);
      for (int i = 0; i < mix.sourceImage().length; i++) {
        assertThat(mix.sourceImage()[i]).isEqualTo(i / (CELLS * CELLS));
      }
    }
  }

  @Test
  void aboutTheRequestedShareOfImagesIsMixed() {
    SplittableRandom rng = new SplittableRandom(9);
    int mixed = 0;
    for (int draw = 0; draw < 1000; draw++) {
      CutMix mix = CutMix.draw(4, CROP, 0.3, rng);
      for (int a = 0; a < 4; a++) {
        mixed += mix.partner(a) != a ? 1 : 0;
      }
    }
    assertThat(mixed / 4000.0).isBetween(0.27, 0.33);
  }

  @Test
  void badSettingsAreRefused() {
    SplittableRandom rng = new SplittableRandom(1);
    assertThatThrownBy(() -> CutMix.draw(4, 66, 1.0, rng)).hasMessageContaining("multiple");
    assertThatThrownBy(() -> CutMix.draw(4, CROP, 1.5, rng)).hasMessageContaining("[0,1]");
  }
}
