package org.pc2seg.cli;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.LabelClass;
import org.pc2seg.project.Problem;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import org.pc2seg.project.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code info PROJECT}: counts of images by split and status, and the class table. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Print a project's images by split and status, and its classes.")
public final class InfoCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
  Path project;

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  @Override
  public Integer call() {
    Project p;
    try {
      p = ProjectStore.open(project);
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    Map<String, Object> out = summary(p);
    if (json) {
      System.out.println(
          new GsonBuilder()
              .setPrettyPrinting()
              .serializeNulls()
              .disableHtmlEscaping()
              .create()
              .toJson(out));
    } else {
      printText(p);
    }
    return 0;
  }

  /** The summary as an ordered map (the JSON form). */
  static Map<String, Object> summary(Project p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", p.name());
    out.put("root", p.root().toString());
    out.put("images", p.items().size());
    Map<String, Long> bySplit = new LinkedHashMap<>();
    for (Split s : Split.values()) {
      bySplit.put(lower(s), p.items().stream().filter(i -> i.split() == s).count());
    }
    out.put("by_split", bySplit);
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (ImageStatus s : ImageStatus.values()) {
      byStatus.put(lower(s), p.items().stream().filter(i -> i.status() == s).count());
    }
    out.put("by_status", byStatus);
    Map<String, Map<String, Long>> cross = new LinkedHashMap<>();
    for (Split s : Split.values()) {
      Map<String, Long> row = new LinkedHashMap<>();
      for (ImageStatus st : ImageStatus.values()) {
        row.put(lower(st), count(p.items(), s, st));
      }
      cross.put(lower(s), row);
    }
    out.put("by_split_and_status", cross);
    out.put(
        "classes",
        p.classes().stream()
            .map(
                c -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("id", c.id());
                  m.put("name", c.name());
                  m.put("color", c.color());
                  return m;
                })
            .toList());
    out.put("active_model", p.activeModel().map(Path::toString).orElse(null));
    out.put("problems", p.problems().stream().map(Problem::toString).toList());
    return out;
  }

  private static void printText(Project p) {
    System.out.printf(Locale.ROOT, "Project %s (%s)%n", p.name(), p.root());
    System.out.printf(Locale.ROOT, "Images: %d%n", p.items().size());
    System.out.printf(
        Locale.ROOT,
        "  %-10s %9s %9s %9s %9s %7s%n",
        "split",
        "unlabeled",
        "labeled",
        "predicted",
        "broken",
        "total");
    for (Split s : Split.values()) {
      System.out.printf(
          Locale.ROOT,
          "  %-10s %9d %9d %9d %9d %7d%n",
          lower(s),
          count(p.items(), s, ImageStatus.UNLABELED),
          count(p.items(), s, ImageStatus.LABELED),
          count(p.items(), s, ImageStatus.PREDICTED),
          count(p.items(), s, ImageStatus.BROKEN),
          p.items().stream().filter(i -> i.split() == s).count());
    }
    System.out.printf(Locale.ROOT, "Classes: %d%n", p.classes().size());
    for (LabelClass c : p.classes()) {
      System.out.printf(Locale.ROOT, "  %3d  %-20s %s%n", c.id(), c.name(), c.color());
    }
    System.out.println("Active model: " + p.activeModel().map(Path::toString).orElse("(none)"));
    if (!p.problems().isEmpty()) {
      System.out.println("Problems: " + p.problems().size());
      p.problems().forEach(pr -> System.out.println("  " + pr));
    }
  }

  private static long count(List<ImageItem> items, Split s, ImageStatus st) {
    return items.stream().filter(i -> i.split() == s && i.status() == st).count();
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
