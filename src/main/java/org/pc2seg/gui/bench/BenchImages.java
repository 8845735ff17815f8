package org.pc2seg.gui.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Writes synthetic test images (gradients and shapes, so PNG/JPEG compress like photos). */
final class BenchImages {
  private BenchImages() {}

  static void write(Path file, int w, int h, long seed) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    Random r = new Random(seed);
    g.setPaint(
        new java.awt.GradientPaint(0, 0, new Color(r.nextInt()), w, h, new Color(r.nextInt())));
    g.fillRect(0, 0, w, h);
    for (int i = 0; i < 40; i++) {
      g.setColor(new Color(r.nextInt(), true));
      int s = 20 + r.nextInt(Math.max(21, w / 4));
      g.fillOval(r.nextInt(w), r.nextInt(h), s, s);
    }
    g.dispose();
    String name = file.getFileName().toString();
    ImageIO.write(img, name.substring(name.lastIndexOf('.') + 1), file.toFile());
  }
}
