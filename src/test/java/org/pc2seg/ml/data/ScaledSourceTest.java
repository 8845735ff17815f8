package org.pc2seg.ml.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pc2seg.image.IndexMask;
import org.pc2seg.project.LabelClass;

/** Training data at a working size: large images and their masks shrink as they load. */
class ScaledSourceTest {
  /** Images of the given widths (height 2/3 of it), masks of class 1 on the left half. */
  private static SegmentationSource source(int... widths) {
    return new SegmentationSource() {
      @Override
      public int size() {
        return widths.length;
      }

      @Override
      public String name(int i) {
        return "img" + i;
      }

      @Override
      public LabeledImage load(int i) {
        int w = widths[i];
        int h = w * 2 / 3;
        IndexMask m = IndexMask.blank(w, h);
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w / 2; x++) {
            m.set(x, y, 1);
          }
        }
        return new LabeledImage(name(i), new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), m);
      }

      @Override
      public boolean labeled() {
        return true;
      }
    };
  }

  @Test
  void largeImagesAndTheirMasksShrinkToTheMaxSideAndSmallOnesStayAsTheyAre() throws Exception {
    List<LabelClass> classes = List.of(new LabelClass(0, "bg", "#000000"));
    TrainingData data =
        new TrainingData(source(3000, 200), TrainingData.empty(), source(1500), classes)
            .withMaxSide(300);

    LabeledImage big = data.labeled().load(0);
    assertThat(big.image().getWidth()).isEqualTo(300);
    assertThat(big.image().getHeight()).isEqualTo(200);
    assertThat(big.mask().width()).isEqualTo(300);
    assertThat(big.mask().height()).isEqualTo(200);
    assertThat(big.mask().get(10, 10)).isEqualTo(1);
    assertThat(big.mask().get(290, 10)).isEqualTo(IndexMask.IGNORE);
    assertThat(big.name()).isEqualTo("img0");

    LabeledImage small = data.labeled().load(1);
    assertThat(small.image().getWidth()).isEqualTo(200);
    assertThat(data.val().load(0).image().getWidth()).isEqualTo(300);
    assertThat(data.labeled().labeled()).isTrue();
    assertThat(data.unlabeled().size()).isZero();

    assertThat(data.labeled().load(0)).as("the shrunk copy is cached").isSameAs(big);
    assertThat(data.labeled().load(1)).as("small images are not").isNotSameAs(small);

    TrainingData full = new TrainingData(source(3000), TrainingData.empty(), source(), classes);
    assertThat(full.withMaxSide(0)).isSameAs(full);
  }

  @Test
  void theCacheDropsTheLeastRecentlyUsedImagesBeyondItsBudget() throws Exception {
    ScaledSource.Cache cache = new ScaledSource.Cache(3 * 300 * 200 * 5L); // three 300x200 images
    ScaledSource s = new ScaledSource(source(600, 600, 600, 600), 300, cache);
    LabeledImage first = s.load(0);
    s.load(1);
    s.load(2);
    assertThat(s.load(0)).isSameAs(first); // 0 is now the most recently used
    s.load(3); // evicts 1, the least recently used
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.bytes()).isEqualTo(3 * 300 * 200 * 5L);
    assertThat(s.load(0)).isSameAs(first);
    LabeledImage again = s.load(1);
    assertThat(again.image().getWidth()).isEqualTo(300);
    assertThat(cache.size()).isEqualTo(3);
  }
}
