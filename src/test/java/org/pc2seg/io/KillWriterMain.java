package org.pc2seg.io;

import java.nio.file.Path;
import org.pc2seg.image.IndexMask;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.MaskStore;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;

/**
 * Child process of {@link KillDuringWriteTest}: opens a project whose name is {@code gen-N} and
 * then, forever, writes generation N+1 of every mask and saves {@code project.json} named {@code
 * gen-(N+1)}, until it is killed.
 */
public final class KillWriterMain {
  private KillWriterMain() {}

  /** The mask content of a generation: a pattern of class ids 0..3 that changes with it. */
  public static IndexMask maskFor(int generation, int w, int h) {
    byte[] d = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        d[y * w + x] = (byte) (y == 0 ? IndexMask.IGNORE : (x * y + x / 3 + generation) % 4);
      }
    }
    return new IndexMask(w, h, d);
  }

  /** The generation stored in a project's name. */
  public static int generationOf(Project p) {
    return Integer.parseInt(p.name().substring("gen-".length()));
  }

  public static void main(String[] args) throws Exception {
    Project p = ProjectStore.open(Path.of(args[0]));
    if (!p.problems().isEmpty()) {
      throw new IllegalStateException("problems after restart: " + p.problems());
    }
    int gen = generationOf(p);
    System.out.println("ready " + gen);
    System.out.flush();
    while (true) {
      gen++;
      for (ImageItem item : p.items()) {
        MaskStore.write(p, item, maskFor(gen, item.width(), item.height()));
      }
      p.setName("gen-" + gen);
      ProjectStore.save(p);
      System.out.println("saved " + gen);
      System.out.flush();
    }
  }
}
