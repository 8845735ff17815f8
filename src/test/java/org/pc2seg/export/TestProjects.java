package org.pc2seg.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;

/** Writable copies of the bundled sample project for tests. */
final class TestProjects {
  private TestProjects() {}

  static Path sampleDir() {
    return Path.of(System.getProperty("pc2seg.sample.dir", "sample-projects")).resolve("shapes");
  }

  /** Copies the sample project into {@code dir} and opens it. */
  static Project copySample(Path dir) throws IOException {
    Path src = sampleDir();
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.toList()) {
        Path t = dir.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return ProjectStore.open(dir);
  }

  /** The oracle mask of an image ({@code ground-truth/<file name>.png}). */
  static IndexMask groundTruth(Project p, ImageItem item) throws IOException {
    String name = item.fileName().replaceAll("\\.[^.]+$", "") + ".png";
    return MaskCodec.read(p.root().resolve("ground-truth").resolve(name));
  }

  /**
   * Writes a prediction (the ground truth) and a confidence map (a left-to-right ramp 0..255) for
   * an image, as the predictor would.
   */
  static void writePrediction(Project p, ImageItem item) throws IOException {
    IndexMask gt = groundTruth(p, item);
    MaskCodec.write(gt, p.predictionFile(item));
    byte[] conf = new byte[gt.width() * gt.height()];
    for (int y = 0; y < gt.height(); y++) {
      for (int x = 0; x < gt.width(); x++) {
        conf[y * gt.width() + x] = (byte) (x * 255 / (gt.width() - 1));
      }
    }
    MaskCodec.write(new IndexMask(gt.width(), gt.height(), conf), p.confidenceFile(item));
  }
}
