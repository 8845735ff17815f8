import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the PC²Seg Studio icon with Java2D at every size (no downscaling, so small sizes stay
 * crisp) and writes the PNG set, a Windows {@code .ico} and a macOS {@code .icns} from it.
 *
 * <p>Run from the repository root: {@code java icons/GenerateIcons.java} (Java 11+, headless).
 * The design: a rounded tile showing an image split into segmentation classes (background,
 * ground, an orange disc, a green triangle) with the disc's boundary traced in white, as a mask
 * overlay would draw it.
 */
public final class GenerateIcons {
  static final int[] PNG_SIZES = {16, 24, 32, 48, 64, 128, 256, 512};
  static final int[] ICO_SIZES = {16, 24, 32, 48, 64, 128, 256};

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Path out = Path.of(args.length > 0 ? args[0] : "icons");
    Files.createDirectories(out);
    Map<Integer, byte[]> png = new LinkedHashMap<>();
    for (int s : new int[] {16, 24, 32, 48, 64, 128, 256, 512, 1024}) {
      png.put(s, encodePng(draw(s)));
    }
    for (int s : PNG_SIZES) {
      Files.write(out.resolve("pc2seg-studio-" + s + ".png"), png.get(s));
    }
    // the jpackage --icon for Linux, and the desktop entry icon
    Files.write(out.resolve("pc2seg-studio.png"), png.get(256));
    Files.write(out.resolve("pc2seg-studio.ico"), ico(png, ICO_SIZES));
    Files.write(out.resolve("pc2seg-studio.icns"), icns(png));
    System.out.println("icons written to " + out.toAbsolutePath());
  }

  /** The icon at {@code n}×{@code n} pixels, drawn in a 256-unit design space. */
  static BufferedImage draw(int n) {
    BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.scale(n / 256.0, n / 256.0);

    double m = n <= 24 ? 4 : 12; // margin: small icons use the whole tile
    Shape tile = new RoundRectangle2D.Double(m, m, 256 - 2 * m, 256 - 2 * m, 56, 56);
    g.setClip(tile);
    // class 0: sky / background
    g.setPaint(new GradientPaint(0, 0, new Color(0x1F4E8C), 0, 256, new Color(0x2B6CB8)));
    g.fill(tile);
    // class 1: ground, a wavy band at the bottom
    Path2D ground = new Path2D.Double();
    ground.moveTo(0, 178);
    ground.curveTo(70, 150, 150, 205, 256, 168);
    ground.lineTo(256, 256);
    ground.lineTo(0, 256);
    ground.closePath();
    g.setColor(new Color(0x2FA39A));
    g.fill(ground);
    // class 2: a green triangle behind the disc
    Path2D tri = new Path2D.Double();
    tri.moveTo(150, 60);
    tri.lineTo(226, 196);
    tri.lineTo(86, 196);
    tri.closePath();
    g.setColor(new Color(0x7BC043));
    g.fill(tri);
    // class 3: the orange disc, its boundary traced in white like a mask outline
    Ellipse2D disc = new Ellipse2D.Double(40, 66, 116, 116);
    g.setColor(new Color(0xF39C34));
    g.fill(disc);
    g.setColor(Color.WHITE);
    g.setStroke(new BasicStroke(n <= 24 ? 16f : 9f));
    g.draw(disc);
    // a few "pixel" squares hinting at per-pixel labels (only where they stay visible)
    if (n >= 48) {
      Area pixels = new Area();
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          if ((i + j) % 2 == 0) {
            pixels.add(new Area(new Rectangle2D.Double(176 + i * 18, 24 + j * 18, 16, 16)));
          }
        }
      }
      g.setColor(new Color(255, 255, 255, 200));
      g.fill(pixels);
    }
    g.setClip(null);
    g.setColor(new Color(0, 0, 0, 60));
    g.setStroke(new BasicStroke(n <= 24 ? 6f : 3f));
    g.draw(tile);
    g.dispose();
    return img;
  }

  static byte[] encodePng(BufferedImage img) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    ImageIO.write(img, "png", bos);
    return bos.toByteArray();
  }

  /** A Windows icon holding PNG-compressed entries (supported since Windows Vista). */
  static byte[] ico(Map<Integer, byte[]> png, int[] sizes) {
    int offset = 6 + 16 * sizes.length;
    int total = offset;
    for (int s : sizes) {
      total += png.get(s).length;
    }
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
    for (int s : sizes) {
      byte[] data = png.get(s);
      b.put((byte) (s >= 256 ? 0 : s)).put((byte) (s >= 256 ? 0 : s));
      b.put((byte) 0).put((byte) 0); // no palette, reserved
      b.putShort((short) 1).putShort((short) 32); // planes, bits per pixel
      b.putInt(data.length).putInt(offset);
      offset += data.length;
    }
    for (int s : sizes) {
      b.put(png.get(s));
    }
    return b.array();
  }

  /** A macOS icon family with PNG entries (OSType → pixel size). */
  static byte[] icns(Map<Integer, byte[]> png) throws IOException {
    Map<String, Integer> types = new LinkedHashMap<>();
    types.put("icp4", 16);
    types.put("icp5", 32);
    types.put("icp6", 64);
    types.put("ic07", 128);
    types.put("ic08", 256);
    types.put("ic09", 512);
    types.put("ic10", 1024); // 512@2x
    types.put("ic11", 32); // 16@2x
    types.put("ic12", 64); // 32@2x
    types.put("ic13", 256); // 128@2x
    types.put("ic14", 512); // 256@2x
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(body);
    for (Map.Entry<String, Integer> e : types.entrySet()) {
      byte[] data = png.get(e.getValue());
      d.writeBytes(e.getKey());
      d.writeInt(8 + data.length);
      d.write(data);
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    DataOutputStream a = new DataOutputStream(all);
    a.writeBytes("icns");
    a.writeInt(8 + body.size());
    a.write(body.toByteArray());
    return all.toByteArray();
  }
}
