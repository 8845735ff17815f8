package org.pc2seg.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pc2seg.ml.data.CutMix;

class MixedViewsTest {

  @Test
  void mixedWeakOutputsAreThoseOfTheMixedImages() {
    int b = 4;
    int crop = 32;
    int cells = crop / CutMix.CELL;
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray strong = m.randomUniform(0, 1, new Shape(b, 3, crop, crop));
      // stand-ins for the model's per-pixel outputs: full-resolution "logits" are the image,
      // the stride-4 outputs its 4×4 cell means
      NDList weak = new NDList(strong, cellMeans(strong, 2), cellMeans(strong, 3));
      CutMix mix = CutMix.draw(b, crop, 1.0, new SplittableRandom(11));
      MixedViews mixed = MixedViews.apply(m, mix, strong, weak);

      NDArray x = mixed.strongImages();
      assertThat(x.getShape()).isEqualTo(strong.getShape());
      // pixel i of the mixed strong view and of the mixed weak outputs show the same scene point
      assertThat(mixed.weakOutputs().get(0).sub(x).abs().max().getFloat()).isZero();
      assertThat(mixed.weakOutputs().get(1).sub(cellMeans(x, 2)).abs().max().getFloat())
          .isLessThan(1e-6f);
      assertThat(mixed.weakOutputs().get(2).sub(cellMeans(x, 3)).abs().max().getFloat())
          .isLessThan(1e-6f);

      // and each mixed pixel is its own image's or its partner's, as the mask says
      float[] own = mix.inputMask();
      float[] before = strong.toFloatArray();
      float[] after = x.toFloatArray();
      int pasted = 0;
      for (int a = 0; a < b; a++) {
        for (int c = 0; c < 3; c++) {
          for (int p = 0; p < crop * crop; p++) {
            boolean mine = own[a * crop * crop + p] == 1f;
            int from = mine ? a : mix.partner(a);
            assertThat(after[(a * 3 + c) * crop * crop + p])
                .isEqualTo(before[(from * 3 + c) * crop * crop + p]);
            pasted += mine ? 0 : 1;
          }
        }
      }
      assertThat(pasted).isPositive();
      assertThat(mixed.weakOutputs().get(1).getShape().get(2)).isEqualTo(cells);
    }
  }

  /** The first {@code channels} channels averaged over 4×4 cells: B×channels×(H/4)×(W/4). */
  private static NDArray cellMeans(NDArray x, int channels) {
    Shape s = x.getShape();
    long h = s.get(2) / 4;
    long w = s.get(3) / 4;
    return x.get(":, :" + channels)
        .reshape(s.get(0), channels, h, 4, w, 4)
        .mean(new int[] {5})
        .mean(new int[] {3});
  }
}
