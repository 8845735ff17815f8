package org.pc2seg.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.TestImages;

/** A small project on disk for tests, and a way to prove that nothing on disk changed. */
final class ProjectFixtures {
  static final int W = 32;
  static final int H = 24;

  static final List<LabelClass> CLASSES =
      List.of(
          new LabelClass(0, "background", "#000000"),
          new LabelClass(1, "cat", "#ff0000"),
          new LabelClass(2, "dog", "#00ff00"));

  private ProjectFixtures() {}

  /**
   * Images a, b, c (train) and d (val) in {@code images/}; a, b and d have masks (a: all class 1,
   * b: class 2 on the left half, d: class 0 with an unlabeled row).
   */
  static Project fourImages(Path dir) throws IOException {
    Path images = dir.resolve("images");
    for (String n : List.of("a", "b", "c", "d")) {
      TestImages.png(images.resolve(n + ".png"), W, H);
    }
    Project p = ProjectImporter.fromFolder(images, dir, "four", CLASSES, Split.TRAIN);
    p.item("images/d.png").orElseThrow().setSplit(Split.VAL);
    MaskStore.write(p, item(p, "a"), TestImages.filledMask(W, H, 1));
    IndexMask b = IndexMask.blank(W, H);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W / 2; x++) {
        b.set(x, y, 2);
      }
    }
    MaskStore.write(p, item(p, "b"), b);
    IndexMask d = TestImages.filledMask(W, H, 0);
    for (int x = 0; x < W; x++) {
      d.set(x, 3, IndexMask.IGNORE);
    }
    MaskStore.write(p, item(p, "d"), d);
    ProjectStore.save(p);
    return p;
  }

  static ImageItem item(Project p, String name) {
    return p.item("images/" + name + ".png").orElseThrow();
  }

  /** Every regular file under a folder with its bytes, by relative path. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        out.put(
            dir.relativize(f).toString(),
            java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(f))));
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** Whether file permissions stop this process from writing (false when running as root). */
  static boolean permissionsAreEnforced(Path scratch) throws IOException {
    Path probe = Files.createDirectories(scratch.resolve("perm-probe"));
    probe.toFile().setWritable(false, false);
    try {
      Files.createFile(probe.resolve("x")).toFile().delete();
      return false;
    } catch (IOException e) {
      return true;
    } finally {
      probe.toFile().setWritable(true, false);
    }
  }
}
