package org.pc2seg.project;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;

/** Edits a project's class table; removing a class remaps or clears its pixels in every mask. */
public final class ClassTable {
  /** Distinct default colours for new classes (Pascal VOC palette order, then extras). */
  private static final String[] PALETTE = {
    "#000000", "#800000", "#008000", "#808000", "#000080", "#800080", "#008080", "#808080",
    "#400000", "#c00000", "#408000", "#c08000", "#400080", "#c00080", "#408080", "#c08080"
  };

  private ClassTable() {}

  public static String defaultColor(int id) {
    return PALETTE[id % PALETTE.length];
  }

  /** Adds a class with the next free id. */
  public static LabelClass add(Project p, String name, String color) {
    int id = 0;
    while (p.isClassId(id)) {
      id++;
    }
    if (id > 254) {
      throw new IllegalStateException("a project holds at most 255 classes");
    }
    LabelClass c = new LabelClass(id, name, color == null ? defaultColor(id) : color);
    List<LabelClass> list = p.mutableClasses();
    list.add(c);
    list.sort((a, b) -> Integer.compare(a.id(), b.id()));
    p.fire();
    return c;
  }

  public static void rename(Project p, int id, String name) {
    replace(p, require(p, id).withName(name));
  }

  public static void recolor(Project p, int id, String color) {
    replace(p, require(p, id).withColor(color));
  }

  /**
   * Removes a class. Its pixels in every saved mask become {@code remapTo} (another class id) or
   * 255 (unlabeled) when {@code remapTo} is empty. Every affected mask is read and validated before
   * any is rewritten (a bad mask stops the edit with nothing changed); masks are then rewritten
   * atomically one by one. Masks of BROKEN images are left alone. The class table itself is changed
   * in memory: call {@link ProjectStore#save} to write it.
   */
  public static void remove(Project p, int id, Optional<Integer> remapTo) throws IOException {
    require(p, id);
    int target = remapTo.orElse(IndexMask.IGNORE);
    if (remapTo.isPresent() && (!p.isClassId(target) || target == id)) {
      throw new IllegalArgumentException("cannot remap to class " + target);
    }
    if (p.classes().size() == 1) {
      throw new IllegalStateException("a project needs at least one class");
    }
    // Read (and validate) every affected mask first, so a bad mask stops the edit before any file
    // is changed; then rewrite them one by one, each atomically.
    Map<ImageItem, IndexMask> changed = new LinkedHashMap<>();
    for (ImageItem item : p.items()) {
      if (item.status() == ImageStatus.BROKEN) {
        continue;
      }
      Optional<IndexMask> m = MaskStore.read(p, item);
      if (m.isEmpty()) {
        continue;
      }
      byte[] d = m.get().data();
      boolean hit = false;
      for (int i = 0; i < d.length; i++) {
        if ((d[i] & 0xFF) == id) {
          d[i] = (byte) target;
          hit = true;
        }
      }
      if (hit) {
        changed.put(item, m.get());
      }
    }
    if (!changed.isEmpty()) {
      ProjectStore.checkWritable(p, p.maskFile(changed.keySet().iterator().next()));
    }
    for (Map.Entry<ImageItem, IndexMask> e : changed.entrySet()) {
      MaskCodec.write(e.getValue(), p.maskFile(e.getKey()));
    }
    p.mutableClasses().removeIf(c -> c.id() == id);
    p.fire();
  }

  private static LabelClass require(Project p, int id) {
    return p.classById(id).orElseThrow(() -> new IllegalArgumentException("no class " + id));
  }

  private static void replace(Project p, LabelClass c) {
    List<LabelClass> list = p.mutableClasses();
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).id() == c.id()) {
        list.set(i, c);
      }
    }
    p.fire();
  }
}
