import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * An outside dataset for the PC²Seg experiment: real photographs with blobs of real textures
 * (brick, grass, gravel) pasted on them, written as VOC-style folders. Nothing here comes from the
 * app's own sample generator: the textures and photos are scikit-image's bundled data (Debian
 * package python3-skimage, BSD-licensed), the shapes are random smooth blobs, the images differ in
 * size, the images are JPEG and the masks 8-bit PNGs with a 255 "ignore" band along each object
 * boundary, as in Pascal VOC. Training and validation images cut their textures and photos from
 * disjoint parts of the sources (the upper 60 % and the lower 40 %).
 *
 * <pre>
 * java tools/texture-mosaic/TextureMosaic.java SKIMAGE_DATA_DIR OUT_DIR [seed]
 * </pre>
 *
 * Writes OUT_DIR/{train,val}/{images,masks}: 100 training and 40 validation images. The first six
 * training images in name order (the ones an experiment with {@code --labeled 6} labels) hold the
 * three texture classes in turn.
 */
public final class TextureMosaic {
  static final String[] TEXTURES = {"brick.png", "grass.png", "gravel.png"};
  static final String[] PHOTOS = {
    "astronaut.png", "coffee.png", "chelsea.png", "motorcycle_left.png", "ihc.png", "camera.png",
    "coins.png", "rocket.jpg", "hubble_deep_field.jpg", "retina.jpg", "moon.png", "page.png"
  };
  static final int TRAIN = 100;
  static final int VAL = 40;

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: java TextureMosaic.java SKIMAGE_DATA_DIR OUT_DIR [seed]");
      System.exit(2);
    }
    Path data = Path.of(args[0]);
    Path out = Path.of(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 2026;
    List<BufferedImage> textures = new ArrayList<>();
    for (String t : TEXTURES) {
      textures.add(read(data.resolve(t)));
    }
    List<BufferedImage> photos = new ArrayList<>();
    for (String p : PHOTOS) {
      photos.add(read(data.resolve(p)));
    }
    Random rnd = new Random(seed);
    write(out.resolve("train"), TRAIN, false, textures, photos, rnd);
    write(out.resolve("val"), VAL, true, textures, photos, rnd);
    System.out.println("wrote " + TRAIN + " training and " + VAL + " validation images to " + out);
  }

  static BufferedImage read(Path p) throws IOException {
    BufferedImage img = ImageIO.read(p.toFile());
    if (img == null) {
      throw new IOException("cannot decode " + p);
    }
    return img;
  }

  static void write(
      Path dir,
      int n,
      boolean val,
      List<BufferedImage> textures,
      List<BufferedImage> photos,
      Random rnd)
      throws IOException {
    Files.createDirectories(dir.resolve("images"));
    Files.createDirectories(dir.resolve("masks"));
    for (int i = 0; i < n; i++) {
      int w = 160 + 16 * rnd.nextInt(5);
      int h = 144 + 16 * rnd.nextInt(4);
      int[] rgb = new int[w * h];
      int[] mask = new int[w * h];
      background(rgb, w, h, photos.get(rnd.nextInt(photos.size())), val, rnd);
      int objects = 1 + rnd.nextInt(3);
      for (int o = 0; o < objects; o++) {
        int cls = !val && i < 6 && o == 0 ? 1 + i % 3 : 1 + rnd.nextInt(3);
        blob(rgb, mask, w, h, cls, textures.get(cls - 1), val, rnd);
      }
      ignoreBand(mask, w, h);
      String name = String.format("%s_%03d", val ? "val" : "img", i);
      BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      img.setRGB(0, 0, w, h, rgb, 0, w);
      ImageIO.write(img, "jpg", dir.resolve("images").resolve(name + ".jpg").toFile());
      BufferedImage m = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      m.getRaster().setPixels(0, 0, w, h, mask);
      ImageIO.write(m, "png", new File(dir.resolve("masks").toFile(), name + ".png"));
    }
  }

  /** A photo crop, scaled, maybe gray, with random brightness and contrast. */
  static void background(int[] rgb, int w, int h, BufferedImage photo, boolean val, Random rnd) {
    double scale = 0.35 + 0.5 * rnd.nextDouble();
    Look look = new Look(photo, val, rnd, scale, rnd.nextInt(4) * Math.PI / 2, 0.75, 0.15, w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        rgb[y * w + x] = look.at(x, y);
      }
    }
  }

  /** A smooth random blob of one texture, drawn over what is there. */
  static void blob(
      int[] rgb, int[] mask, int w, int h, int cls, BufferedImage tex, boolean val, Random rnd) {
    double cx = w * (0.15 + 0.7 * rnd.nextDouble());
    double cy = h * (0.15 + 0.7 * rnd.nextDouble());
    double r0 = 22 + 30 * rnd.nextDouble();
    double[] amp = new double[4];
    double[] phase = new double[4];
    for (int k = 0; k < 4; k++) {
      amp[k] = 0.25 * rnd.nextDouble() / (k + 1);
      phase[k] = 2 * Math.PI * rnd.nextDouble();
    }
    double stretch = 0.7 + 0.6 * rnd.nextDouble();
    double scale = 0.4 + 0.4 * rnd.nextDouble();
    Look look = new Look(tex, val, rnd, scale, 2 * Math.PI * rnd.nextDouble(), 0.8, 0.3, w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double dx = (x - cx) * stretch;
        double dy = (y - cy) / stretch;
        double th = Math.atan2(dy, dx);
        double r = r0;
        for (int k = 0; k < 4; k++) {
          r += r0 * amp[k] * Math.sin((k + 2) * th + phase[k]);
        }
        if (dx * dx + dy * dy <= r * r) {
          mask[y * w + x] = cls;
          rgb[y * w + x] = look.at(x, y);
        }
      }
    }
  }

  /** VOC's habit: pixels within 1 px of another class are 255 (ignored by training and scoring). */
  static void ignoreBand(int[] mask, int w, int h) {
    int[] src = mask.clone();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = src[y * w + x];
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int xx = x + dx;
            int yy = y + dy;
            if (xx >= 0 && yy >= 0 && xx < w && yy < h && src[yy * w + xx] != v) {
              mask[y * w + x] = 255;
            }
          }
        }
      }
    }
  }

  /**
   * A source read through a {@link Sampler}, maybe gray, with a random gain in [gainMin, 2 − gainMin]
   * and a colour tint of ± tintSpread per channel.
   */
  static final class Look {
    final Sampler sampler;
    final boolean gray;
    final double gain;
    final double[] tint;

    Look(
        BufferedImage src,
        boolean val,
        Random rnd,
        double scale,
        double angle,
        double gainMin,
        double tintSpread,
        int w,
        int h) {
      gray = rnd.nextDouble() < 0.4;
      gain = gainMin + 2 * (1 - gainMin) * rnd.nextDouble();
      tint = tint(rnd, tintSpread);
      sampler = new Sampler(src, val, rnd, scale, angle, w, h);
    }

    int at(int x, int y) {
      return pack(sampler.at(x, y), gray, gain, tint);
    }
  }

  static double[] tint(Random rnd, double spread) {
    return new double[] {
      1 + spread * (2 * rnd.nextDouble() - 1),
      1 + spread * (2 * rnd.nextDouble() - 1),
      1 + spread * (2 * rnd.nextDouble() - 1)
    };
  }

  static int pack(double[] c, boolean gray, double gain, double[] tint) {
    int out = 0;
    double l = 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
    for (int k = 0; k < 3; k++) {
      double v = (gray ? l : c[k]) * gain * (gray ? 1 : tint[k]);
      out = out << 8 | (int) Math.max(0, Math.min(255, Math.round(v)));
    }
    return out;
  }

  /**
   * Bilinear, rotated and scaled reads from the upper 60 % of a source (training) or the lower
   * 40 % (validation), mirrored at that part's edges.
   */
  static final class Sampler {
    final BufferedImage src;
    final int y0;
    final int y1;
    final double cos;
    final double sin;
    final double inv;
    final double ox;
    final double oy;

    Sampler(BufferedImage src, boolean val, Random rnd, double scale, double angle, int w, int h) {
      this.src = src;
      int split = (int) (src.getHeight() * 0.6);
      y0 = val ? split : 0;
      y1 = val ? src.getHeight() : split;
      cos = Math.cos(angle);
      sin = Math.sin(angle);
      inv = 1 / scale;
      ox = rnd.nextDouble() * src.getWidth();
      oy = y0 + rnd.nextDouble() * (y1 - y0);
    }

    double[] at(int x, int y) {
      double u = ox + (cos * x - sin * y) * inv;
      double v = oy + (sin * x + cos * y) * inv;
      u = mirror(u, 0, src.getWidth() - 1);
      v = mirror(v, y0, y1 - 1);
      int iu = (int) Math.floor(u);
      int iv = (int) Math.floor(v);
      double fu = u - iu;
      double fv = v - iv;
      int iu1 = Math.min(iu + 1, src.getWidth() - 1);
      int iv1 = Math.min(iv + 1, y1 - 1);
      double[] c = new double[3];
      add(c, src.getRGB(iu, iv), (1 - fu) * (1 - fv));
      add(c, src.getRGB(iu1, iv), fu * (1 - fv));
      add(c, src.getRGB(iu, iv1), (1 - fu) * fv);
      add(c, src.getRGB(iu1, iv1), fu * fv);
      return c;
    }

    static void add(double[] c, int argb, double wt) {
      c[0] += wt * (argb >> 16 & 255);
      c[1] += wt * (argb >> 8 & 255);
      c[2] += wt * (argb & 255);
    }

    static double mirror(double v, double lo, double hi) {
      double span = hi - lo;
      double t = (v - lo) % (2 * span);
      if (t < 0) {
        t += 2 * span;
      }
      return lo + (t <= span ? t : 2 * span - t);
    }
  }
}
