package org.pc2seg.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CocoRleTest {

  /** Lines of the pycocotools-generated golden file, without comments. */
  private static List<String[]> golden() throws IOException {
    try (InputStream in = CocoRleTest.class.getResourceAsStream("/export/pycocotools-golden.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.lines()
          .filter(l -> !l.startsWith("#") && !l.isBlank())
          .map(l -> l.split(" "))
          .toList();
    }
  }

  private static boolean[] bits(String s) {
    boolean[] b = new boolean[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = s.charAt(i) == '1';
    }
    return b;
  }

  @Test
  void matchesPycocotoolsOnGoldenMasks() throws IOException {
    List<String[]> rows = golden();
    assertThat(rows).hasSize(2);
    for (String[] r : rows) {
      int h = Integer.parseInt(r[0]);
      int w = Integer.parseInt(r[1]);
      boolean[] mask = bits(r[8]);
      CocoRle rle = CocoRle.encode(mask, w, h);
      assertThat(rle.countsString()).isEqualTo(r[7]);
      assertThat(rle.area()).isEqualTo(Long.parseLong(r[2]));
      assertThat(rle.bbox())
          .containsExactly(
              Double.parseDouble(r[3]),
              Double.parseDouble(r[4]),
              Double.parseDouble(r[5]),
              Double.parseDouble(r[6]));
      CocoRle parsed = CocoRle.fromString(r[7], h, w);
      assertThat(parsed.counts()).containsExactly(rle.counts());
      assertThat(parsed.decode()).isEqualTo(mask);
    }
  }

  @Test
  void smallKnownExample() {
    // 3 rows x 2 columns, row-major: [1 0 / 1 1 / 0 0]; column-major: 1 1 0 | 0 1 0
    boolean[] m = {true, false, true, true, false, false};
    CocoRle rle = CocoRle.encode(m, 2, 3);
    assertThat(rle.counts()).containsExactly(0, 2, 2, 1, 1);
    assertThat(rle.area()).isEqualTo(3);
    assertThat(rle.bbox()).containsExactly(0, 0, 2, 2);
  }

  @Test
  void randomMasksRoundTripWithExactAreaAndTightBox() {
    Random rnd = new Random(42);
    for (int t = 0; t < 200; t++) {
      int w = 1 + rnd.nextInt(40);
      int h = 1 + rnd.nextInt(40);
      boolean[] m = new boolean[w * h];
      double density = rnd.nextDouble();
      // a random blob-ish mask: a rectangle plus noise
      int x0 = rnd.nextInt(w);
      int y0 = rnd.nextInt(h);
      int x1 = x0 + rnd.nextInt(w - x0);
      int y1 = y0 + rnd.nextInt(h - y0);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          boolean inRect = x >= x0 && x <= x1 && y >= y0 && y <= y1;
          m[y * w + x] = t % 2 == 0 ? inRect : inRect && rnd.nextDouble() < density;
        }
      }
      CocoRle rle = CocoRle.encode(m, w, h);
      assertThat(Arrays.stream(rle.counts()).sum()).isEqualTo((long) w * h);
      assertThat(rle.decode()).isEqualTo(m);
      assertThat(CocoRle.fromString(rle.countsString(), h, w).counts())
          .containsExactly(rle.counts());
      long area = 0;
      int minX = w;
      int minY = h;
      int maxX = -1;
      int maxY = -1;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          if (m[y * w + x]) {
            area++;
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
          }
        }
      }
      assertThat(rle.area()).isEqualTo(area);
      double[] expected =
          maxX < 0
              ? new double[] {0, 0, 0, 0}
              : new double[] {minX, minY, maxX - minX + 1, maxY - minY + 1};
      assertThat(rle.bbox()).containsExactly(expected);
    }
  }

  @Test
  void encodeEachEqualsOneMaskAtATime() {
    Random rnd = new Random(7);
    int w = 23;
    int h = 17;
    int[] labels = new int[w * h];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = rnd.nextInt(5) - 1; // -1 = no label
    }
    CocoRle[] all = CocoRle.encodeEach(labels, w, h, 6);
    assertThat(all[5]).isNull();
    for (int l = 0; l < 4; l++) {
      boolean[] m = new boolean[w * h];
      for (int i = 0; i < m.length; i++) {
        m[i] = labels[i] == l;
      }
      assertThat(all[l].counts()).containsExactly(CocoRle.encode(m, w, h).counts());
    }
  }

  @Test
  void rejectsCountsThatDoNotCoverTheImage() {
    assertThatThrownBy(() -> new CocoRle(2, 2, new long[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to 3");
  }
}
