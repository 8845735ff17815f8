package org.pc2seg.active;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;

class ActiveRankerTest {
  @TempDir Path tmp;

  private static DiverseRanking.Scored scored(String id, double u, float... d) {
    return new DiverseRanking.Scored(id, u, d);
  }

  @Test
  void withoutDiversityItIsASortByUncertainty() {
    List<RankedImage> r =
        DiverseRanking.rank(
            List.of(scored("a", 0.2), scored("b", 0.9), scored("c", 0.5), scored("d", 0.9)), 0);
    assertThat(r).extracting(RankedImage::id).containsExactly("b", "d", "c", "a");
    assertThat(r).extracting(RankedImage::rank).containsExactly(1, 2, 3, 4);
  }

  @Test
  void diversityPushesNearDuplicatesDown() {
    List<DiverseRanking.Scored> in =
        List.of(
            scored("a", 0.90, 0, 0),
            scored("a-copy", 0.89, 0.001f, 0),
            scored("far", 0.70, 5, 5),
            scored("mid", 0.50, 2, 3),
            scored("low", 0.10, -3, 4));
    assertThat(DiverseRanking.rank(in, 0))
        .extracting(RankedImage::id)
        .startsWith("a", "a-copy", "far");
    List<RankedImage> diverse = DiverseRanking.rank(in, 1.0);
    assertThat(diverse).extracting(RankedImage::id).startsWith("a", "far");
    assertThat(diverse.get(0).score()).isEqualTo(0.90);
    RankedImage copy = diverse.stream().filter(x -> x.id().equals("a-copy")).findFirst().get();
    assertThat(copy.rank()).isGreaterThan(2);
    assertThat(copy.score()).isLessThan(copy.uncertainty());
  }

  /** Fake model: confident on even-numbered images, unsure (flat) on a growing share of others. */
  private static ProbabilitySource fake(Map<String, Double> unsureShare) {
    return item -> {
      int w = 16;
      int h = 16;
      int k = 3;
      float[] d = new float[k * w * h];
      double share = unsureShare.get(item.path());
      for (int i = 0; i < w * h; i++) {
        boolean unsure = i < share * w * h;
        for (int c = 0; c < k; c++) {
          d[c * w * h + i] = unsure ? 1f / k : (c == 0 ? 1 : 0);
        }
      }
      return new ProbabilityMap(k, w, h, d);
    };
  }

  @Test
  void ranksTheProjectPoolAndSavesTheRanking() throws IOException {
    Project p = copySample(tmp.resolve("p"));
    List<ImageItem> pool = p.unlabeledPool().subList(0, 10);
    Map<String, Double> share = new HashMap<>();
    for (int i = 0; i < pool.size(); i++) {
      share.put(pool.get(i).path(), i / 10.0);
    }
    List<Integer> progress = new ArrayList<>();
    for (double lambda : new double[] {0, 0.5}) {
      progress.clear();
      List<RankedImage> r =
          ActiveRanker.builder()
              .setSource(fake(share))
              .optDiversity(lambda)
              .build()
              .rank(p, pool, (d, t) -> progress.add(d), new CancelToken());
      assertThat(progress).hasSize(10);
      assertThat(r).hasSize(10);
      assertThat(r.get(0).id()).isEqualTo(pool.get(9).path());
      assertThat(r.get(0).uncertainty())
          .isCloseTo(0.9, org.assertj.core.api.Assertions.within(0.01));
      if (lambda == 0) {
        assertThat(r)
            .extracting(RankedImage::uncertainty)
            .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        RankingStore.write(p, UncertaintyMeasure.MARGIN, 0, r);
      }
    }
    RankingStore.Saved saved = RankingStore.read(p).orElseThrow();
    assertThat(saved.measure()).isEqualTo("margin");
    assertThat(saved.images()).hasSize(10);
    assertThat(saved.byId().get(pool.get(9).path()).rank()).isEqualTo(1);

    CancelToken cancel = new CancelToken();
    cancel.cancel();
    assertThat(
            ActiveRanker.builder()
                .setSource(fake(share))
                .build()
                .rank(p, pool, (d, t) -> {}, cancel))
        .isEmpty();
  }

  static Project copySample(Path dir) throws IOException {
    Path src =
        Path.of(System.getProperty("pc2seg.sample.dir", "sample-projects")).resolve("shapes");
    try (Stream<Path> s = Files.walk(src)) {
      for (Path f : s.toList()) {
        Path t = dir.resolve(src.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
    return ProjectStore.open(dir);
  }
}
