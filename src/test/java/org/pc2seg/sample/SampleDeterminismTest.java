package org.pc2seg.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import org.pc2seg.project.Split;

/**
 * The sample generator is deterministic and produces the promised structure (the look of the images
 * may be retuned; this checks determinism and structure only).
 */
class SampleDeterminismTest {
  private static final SampleSpec TINY = new SampleSpec(42L, 48, 5, 2, 3);

  @TempDir Path dir;

  @Test
  void sameSeedGivesByteIdenticalFilesExceptTimestamps() throws Exception {
    SampleProjectGenerator.generate(dir.resolve("one"), "tiny", TINY);
    SampleProjectGenerator.generate(dir.resolve("two"), "tiny", TINY);
    Map<String, byte[]> one = files(dir.resolve("one"));
    Map<String, byte[]> two = files(dir.resolve("two"));
    assertThat(one.keySet()).isEqualTo(two.keySet());
    assertThat(one.keySet())
        .contains("project.json", "images/img_000.jpg", "ground-truth/val_002.png");
    for (String f : one.keySet()) {
      if (f.equals("project.json")) {
        assertThat(withoutTimes(one.get(f))).isEqualTo(withoutTimes(two.get(f)));
        assertThat(withoutTimes(one.get(f))).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");
      } else {
        assertThat(one.get(f)).as(f).isEqualTo(two.get(f));
      }
    }
  }

  @Test
  void differentSeedGivesDifferentImages() throws Exception {
    SampleProjectGenerator.generate(dir.resolve("a"), "tiny", TINY);
    SampleProjectGenerator.generate(dir.resolve("b"), "tiny", new SampleSpec(43L, 48, 5, 2, 3));
    assertThat(Files.readAllBytes(dir.resolve("a/images/img_000.jpg")))
        .isNotEqualTo(Files.readAllBytes(dir.resolve("b/images/img_000.jpg")));
  }

  @Test
  void structureMatchesTheSpec() throws Exception {
    SampleProjectGenerator.generate(dir.resolve("p"), "tiny", TINY);
    Project p = ProjectStore.open(dir.resolve("p"));
    assertThat(p.problems()).isEmpty();
    assertThat(p.classes()).hasSizeBetween(3, 5);
    assertThat(p.items()).hasSize(8);
    assertThat(p.itemsBySplit(Split.TRAIN)).hasSize(2);
    assertThat(p.itemsBySplit(Split.UNLABELED)).hasSize(3);
    assertThat(p.itemsBySplit(Split.VAL)).hasSize(3);
    assertThat(p.labeledTrainItems()).hasSize(2);
    assertThat(p.labeledValItems()).hasSize(3);
    assertThat(p.unlabeledPool()).hasSize(3);
    assertThat(p.itemsBySplit(Split.UNLABELED))
        .allSatisfy(i -> assertThat(i.status()).isEqualTo(ImageStatus.UNLABELED));
    for (ImageItem item : p.items()) {
      assertThat(ImageLoader.readSize(p.imageFile(item))).isEqualTo(new ImageLoader.Size(48, 48));
      Path truth = SampleProjectGenerator.groundTruth(p, item);
      IndexMask gt = MaskCodec.read(truth);
      assertThat(gt.width()).isEqualTo(48);
      for (int i = 0; i < gt.data().length; i++) {
        assertThat(p.isClassId(gt.data()[i] & 0xFF)).isTrue();
      }
      if (item.status() == ImageStatus.LABELED) {
        assertThat(MaskCodec.read(p.maskFile(item))).isEqualTo(gt);
      } else {
        assertThat(p.maskFile(item)).doesNotExist();
      }
    }
  }

  @Test
  void bundledSampleHasThePromisedShape() throws Exception {
    Project p = ProjectStore.open(Path.of("sample-projects", "shapes"));
    assertThat(p.problems()).isEmpty();
    assertThat(p.classes()).hasSizeBetween(3, 5);
    assertThat(p.items()).hasSizeBetween(90, 140);
    assertThat(p.labeledTrainItems()).hasSizeBetween(4, 8);
    assertThat(p.labeledValItems()).hasSizeBetween(15, 25);
    assertThat(p.itemsBySplit(Split.VAL)).hasSameSizeAs(p.labeledValItems());
    assertThat(p.items()).allSatisfy(i -> assertThat(i.width()).isBetween(128, 256));
    for (ImageItem item : p.items()) {
      assertThat(ImageLoader.readRgb(p.imageFile(item)).getWidth()).isEqualTo(item.width());
    }
    long bytes;
    try (Stream<Path> s = Files.walk(Path.of("sample-projects"))) {
      bytes = s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
    assertThat(bytes).isLessThan(5L << 20);
  }

  @Test
  void classesPerImageLimitsTheObjectClassesOfEveryImage() throws Exception {
    for (int limit = 1; limit <= 2; limit++) {
      Path root = dir.resolve("limit" + limit);
      SampleProjectGenerator.generate(root, "tiny", new SampleSpec(42L, 48, 14, 3, 4, limit));
      Project p = ProjectStore.open(root);
      java.util.Set<Integer> seen = new java.util.TreeSet<>();
      for (ImageItem item : p.items()) {
        java.util.Set<Integer> objects = objectClasses(SampleProjectGenerator.groundTruth(p, item));
        assertThat(objects).as(item.stem()).hasSizeLessThanOrEqualTo(limit);
        seen.addAll(objects);
      }
      assertThat(seen).as("classes over all images").containsExactly(1, 2, 3);
      java.util.Set<Integer> labeled = new java.util.TreeSet<>();
      for (ImageItem item : p.labeledTrainItems()) {
        labeled.addAll(objectClasses(p.maskFile(item)));
      }
      assertThat(labeled).as("classes of the labeled images").containsExactly(1, 2, 3);
    }
  }

  @Test
  void withoutALimitMostImagesHoldSeveralObjectClasses() throws Exception {
    SampleProjectGenerator.generate(dir.resolve("free"), "tiny", new SampleSpec(42L, 48, 14, 2, 4));
    Project p = ProjectStore.open(dir.resolve("free"));
    long several = 0;
    for (ImageItem item : p.items()) {
      if (objectClasses(SampleProjectGenerator.groundTruth(p, item)).size() >= 2) {
        several++;
      }
    }
    assertThat(several).isGreaterThan(p.items().size() / 2);
  }

  @Test
  void theBundledSampleIsWhatTheGeneratorMakes() throws Exception {
    SampleProjectGenerator.generate(dir.resolve("shapes"), "shapes", SampleSpec.shapes());
    Map<String, byte[]> made = files(dir.resolve("shapes/ground-truth"));
    Map<String, byte[]> bundled = files(Path.of("sample-projects", "shapes", "ground-truth"));
    assertThat(made.keySet()).isEqualTo(bundled.keySet());
    for (String f : made.keySet()) {
      assertThat(MaskCodec.read(dir.resolve("shapes/ground-truth").resolve(f)))
          .as(f)
          .isEqualTo(MaskCodec.read(Path.of("sample-projects", "shapes", "ground-truth", f)));
    }
  }

  @Test
  void aClassLimitOutsideOneToThreeIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SampleSpec(1L, 48, 5, 2, 3, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 4");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SampleSpec(1L, 48, 5, 2, 3, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static java.util.Set<Integer> objectClasses(Path mask) throws IOException {
    java.util.Set<Integer> out = new java.util.TreeSet<>();
    for (byte b : MaskCodec.read(mask).data()) {
      if (b != 0) {
        out.add(b & 0xFF);
      }
    }
    return out;
  }

  private static String withoutTimes(byte[] json) {
    return new String(json, java.nio.charset.StandardCharsets.UTF_8)
        .replaceAll("\"(created|modified)\": \"[^\"]*\"", "\"$1\": \"T\"");
  }

  private static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    }
    return out;
  }
}
