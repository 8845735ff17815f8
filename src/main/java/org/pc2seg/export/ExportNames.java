package org.pc2seg.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pc2seg.project.ImageItem;

/**
 * File names (without extension) of exported masks, so that they sit beside the images the way
 * Pascal VOC and most training scripts expect: {@code images/img_000.jpg} exports as {@code
 * img_000}, not as the project's internal key {@code images__img_000}. The folder every exported
 * image shares is dropped; images in different folders keep the part that tells them apart, with
 * {@code __} between folders ({@code a/x.jpg}, {@code b/x.jpg} → {@code a__x}, {@code b__x}). Two
 * images that differ only in their extension ({@code x.jpg}, {@code x.png}) keep it ({@code x_jpg},
 * {@code x_png}).
 */
final class ExportNames {
  private ExportNames() {}

  /** One unique name per item, in the items' order. */
  static Map<ImageItem, String> of(List<ImageItem> items) {
    List<String[]> parts = new ArrayList<>();
    for (ImageItem i : items) {
      parts.add(segments(i.path()));
    }
    int common = commonFolders(parts);
    List<String> full = new ArrayList<>(); // the path below the shared folders, with extension
    Map<String, Integer> uses = new HashMap<>();
    for (String[] p : parts) {
      String name = safe(String.join("__", List.of(p).subList(common, p.length)));
      full.add(name);
      uses.merge(withoutExtension(name).toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    Map<ImageItem, String> names = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String stem = withoutExtension(full.get(i));
      boolean clash = uses.get(stem.toLowerCase(Locale.ROOT)) > 1;
      names.put(items.get(i), clash ? full.get(i).replace('.', '_') : stem);
    }
    return names;
  }

  /** The path's folders and file name, without leading {@code ../}. */
  private static String[] segments(String path) {
    String p = path;
    while (p.startsWith("../")) {
      p = p.substring(3);
    }
    return p.split("/");
  }

  /** How many leading folders every path shares (never the file name itself). */
  private static int commonFolders(List<String[]> parts) {
    if (parts.isEmpty()) {
      return 0;
    }
    int n = Integer.MAX_VALUE;
    for (String[] p : parts) {
      n = Math.min(n, p.length - 1);
    }
    String[] first = parts.get(0);
    for (int k = 0; k < n; k++) {
      for (String[] p : parts) {
        if (!p[k].equals(first[k])) {
          return k;
        }
      }
    }
    return n;
  }

  private static String withoutExtension(String name) {
    int sep = name.lastIndexOf("__");
    int fileStart = sep < 0 ? 0 : sep + 2;
    int dot = name.lastIndexOf('.');
    return dot > fileStart ? name.substring(0, dot) : name;
  }

  private static String safe(String s) {
    return s.replace(":", "_");
  }
}
