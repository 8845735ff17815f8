package org.pc2seg.sample;

import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.LabelClass;
import org.pc2seg.project.MaskStore;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectImporter;
import org.pc2seg.project.ProjectStore;
import org.pc2seg.project.Split;

/**
 * Generates the bundled sample project deterministically: procedural textured shapes in four
 * classes (background, stripes, checker, dots), with colour, lighting, scale and noise varying
 * across images. Ground-truth masks for every image are kept in {@code ground-truth/} so
 * experiments can play the annotator (oracle); only the first {@code labeled} pool images and the
 * validation images have masks in the project itself.
 */
public final class SampleProjectGenerator {
  static final List<LabelClass> CLASSES =
      List.of(
          new LabelClass(0, "background", "#000000"),
          new LabelClass(1, "stripes", "#e6194b"),
          new LabelClass(2, "checker", "#3cb44b"),
          new LabelClass(3, "dots", "#4363d8"));

  private SampleProjectGenerator() {}

  /** Writes a complete project into {@code dir} (which must not hold a project yet). */
  public static Project generate(Path dir, String name, SampleSpec spec) throws IOException {
    Path images = dir.resolve("images");
    Path truth = dir.resolve("ground-truth");
    Files.createDirectories(images);
    Files.createDirectories(truth);
    Random rnd = new Random(spec.seed());
    int total = spec.pool() + spec.val();
    List<Path> poolFiles = new ArrayList<>();
    List<Path> valFiles = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      boolean val = i >= spec.pool();
      String stem =
          String.format(Locale.ROOT, val ? "val_%03d" : "img_%03d", val ? i - spec.pool() : i);
      BufferedImage img = new BufferedImage(spec.size(), spec.size(), BufferedImage.TYPE_INT_RGB);
      IndexMask mask = IndexMask.blank(spec.size(), spec.size());
      // With a class limit, the labeled images take the object classes in turn, so that every
      // class has labeled examples (as an annotator would make sure of).
      int include = i < spec.labeled() ? 1 + i % SampleSpec.OBJECT_CLASSES : 0;
      paint(img, mask, new Random(rnd.nextLong()), spec.classesPerImage(), include);
      Path f = images.resolve(stem + ".jpg");
      writeJpeg(img, f);
      MaskCodec.write(mask, truth.resolve(stem + ".png"));
      (val ? valFiles : poolFiles).add(f);
    }
    Project p = ProjectStore.create(dir, name, CLASSES);
    List<ImageItem> pool = ProjectImporter.addImages(p, poolFiles, Split.UNLABELED);
    List<ImageItem> vals = ProjectImporter.addImages(p, valFiles, Split.VAL);
    for (int i = 0; i < pool.size(); i++) {
      if (i < spec.labeled()) {
        pool.get(i).setSplit(Split.TRAIN);
        MaskStore.write(p, pool.get(i), MaskCodec.read(groundTruth(p, pool.get(i))));
      }
    }
    for (ImageItem v : vals) {
      MaskStore.write(p, v, MaskCodec.read(groundTruth(p, v)));
    }
    ProjectStore.save(p);
    return p;
  }

  /** The oracle mask of a generated image. */
  public static Path groundTruth(Project p, ImageItem item) {
    return p.root().resolve("ground-truth").resolve(item.stem().replace("images__", "") + ".png");
  }

  /**
   * Paints one image and its mask.
   *
   * @param classesPerImage 0: each shape picks any object class; 1–3: the shapes pick from a random
   *     subset of that many classes (drawn after the unlimited case's first draws, so 0 reproduces
   *     the bundled sample exactly)
   * @param include with a limit, a class the subset must hold and the last shape takes (0: none)
   */
  static void paint(BufferedImage img, IndexMask mask, Random r, int classesPerImage, int include) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] label = new int[w * h];
    int shapes = 3 + r.nextInt(4);
    double sizeScale = 0.6 + 0.8 * r.nextDouble();
    int[] allowed = allowedClasses(r, classesPerImage, include);
    for (int s = 0; s < shapes; s++) {
      int cls = allowed[r.nextInt(allowed.length)];
      if (include > 0 && classesPerImage > 0 && s == shapes - 1) {
        cls = include; // painted last, so nothing covers it
      }
      Polygon poly = shape(r, w, h, sizeScale);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          if (poly.contains(x + 0.5, y + 0.5)) {
            label[y * w + x] = cls;
          }
        }
      }
    }
    double[][] fg = new double[4][];
    double[][] bg = new double[4][];
    for (int c = 0; c < 4; c++) {
      fg[c] = TexturePainter.randomColor(r);
      bg[c] = TexturePainter.randomColor(r);
    }
    double texScale = 0.7 + 0.9 * r.nextDouble();
    double phase = r.nextDouble() * 6.28;
    double angle = r.nextDouble() * Math.PI;
    double gain = 0.55 + 0.9 * r.nextDouble();
    double gx = (r.nextDouble() - 0.5) * 0.8 / w;
    double gy = (r.nextDouble() - 0.5) * 0.8 / h;
    double noise = r.nextDouble() * 0.12;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int cls = label[y * w + x];
        double t = TexturePainter.texture(cls, x, y, texScale, phase, angle);
        double light = gain * (1 + gx * (x - w / 2.0) + gy * (y - h / 2.0));
        int rgb = 0;
        for (int ch = 0; ch < 3; ch++) {
          double v = (t * fg[cls][ch] + (1 - t) * bg[cls][ch] * 0.6) * light;
          v += r.nextGaussian() * noise;
          int q = (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
          rgb = (rgb << 8) | q;
        }
        img.setRGB(x, y, rgb);
        mask.set(x, y, cls);
      }
    }
  }

  /**
   * The object classes an image's shapes may take: all, or a random subset of the given size that
   * holds {@code include} when it is not 0.
   */
  private static int[] allowedClasses(Random r, int classesPerImage, int include) {
    int n = SampleSpec.OBJECT_CLASSES;
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i + 1;
    }
    if (classesPerImage == 0 || classesPerImage == n) {
      return all;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    for (int i = 0; i < n; i++) {
      if (all[i] == include && i >= classesPerImage) {
        all[i] = all[0];
        all[0] = include;
      }
    }
    return java.util.Arrays.copyOf(all, classesPerImage);
  }

  private static Polygon shape(Random r, int w, int h, double sizeScale) {
    double cx = r.nextDouble() * w;
    double cy = r.nextDouble() * h;
    double rad = (0.12 + 0.16 * r.nextDouble()) * w * sizeScale;
    int kind = r.nextInt(3);
    Polygon p = new Polygon();
    int n = kind == 0 ? 32 : (kind == 1 ? 4 : 3);
    double rot = r.nextDouble() * Math.PI;
    double aspect = 0.6 + 0.8 * r.nextDouble();
    for (int k = 0; k < n; k++) {
      double a = rot + 2 * Math.PI * k / n;
      p.addPoint(
          (int) Math.round(cx + rad * Math.cos(a) * aspect),
          (int) Math.round(cy + rad * Math.sin(a)));
    }
    return p;
  }

  private static void writeJpeg(BufferedImage img, Path f) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.9f);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(img, null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
