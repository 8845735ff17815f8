package org.pc2seg.export.onnx;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.pc2seg.export.ExportException;
import org.pc2seg.ml.model.Backbone;
import org.pc2seg.ml.model.ModelConfig;
import org.pc2seg.project.LabelClass;

/**
 * What the exporters need from a training run folder: the weights file, the architecture, the class
 * table and the training crop. Read from the folder's JSON files: a JSON array of {@code {id, name,
 * color}} is the class table; an object with {@code backbone} is the training config ({@code
 * backbone, outputStride, width} or {@code asppChannels/decoderChannels, projectionDim, crop}). The
 * weights are the {@code .params} file whose name contains "best", else the newest.
 *
 * @param dir the run folder
 * @param weights the weights file
 * @param config the architecture
 * @param classes the class table
 * @param crop the training crop size (0 when unknown)
 * @param maxSide the working size: images with a longer side were shrunk to it for training and are
 *     for prediction (0: full resolution, or unknown)
 */
public record RunFolder(
    Path dir, Path weights, ModelConfig config, List<LabelClass> classes, int crop, int maxSide) {

  /** Reads a run folder, with messages naming the file and what is missing. */
  public static RunFolder read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new ExportException(dir, "no such model folder");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    Path weights = pickWeights(dir, files);
    List<LabelClass> classes = null;
    JsonObject cfg = null;
    for (Path f : files) {
      if (!f.getFileName().toString().endsWith(".json")) {
        continue;
      }
      JsonElement e;
      try {
        e = JsonParser.parseString(Files.readString(f));
      } catch (JsonParseException ex) {
        continue;
      }
      if (classes == null) {
        classes = classesFrom(e).orElse(null);
      }
      if (cfg == null && e.isJsonObject()) {
        cfg = findConfig(e.getAsJsonObject());
      }
    }
    if (cfg == null) {
      throw new ExportException(dir, "no training config (JSON with a 'backbone' field) found");
    }
    if (classes == null) {
      throw new ExportException(dir, "no class table (JSON list of {id, name, color}) found");
    }
    int k = classes.stream().mapToInt(LabelClass::id).max().orElse(0) + 1;
    int width = intOr(cfg, "width", 128);
    ModelConfig mc =
        new ModelConfig(
            Backbone.parse(cfg.get("backbone").getAsString()),
            intOr(cfg, "outputStride", 16),
            intOr(cfg, "numClasses", k),
            intOr(cfg, "asppChannels", width),
            intOr(cfg, "decoderChannels", width),
            intOr(cfg, "projectionDim", 64));
    return new RunFolder(
        dir, weights, mc, classes, intOr(cfg, "crop", 0), intOr(cfg, "resizeLongSide", 0));
  }

  private static Path pickWeights(Path dir, List<Path> files) throws ExportException {
    List<Path> params =
        new ArrayList<>(
            files.stream().filter(f -> f.getFileName().toString().endsWith(".params")).toList());
    if (params.isEmpty()) {
      throw new ExportException(dir, "not a model folder: no .params weights file");
    }
    Optional<Path> best =
        params.stream().filter(f -> f.getFileName().toString().contains("best")).findFirst();
    if (best.isPresent()) {
      return best.get();
    }
    params.sort(Comparator.comparing(RunFolder::modified));
    return params.get(params.size() - 1);
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static JsonObject findConfig(JsonObject o) {
    if (o.has("backbone") && o.get("backbone").isJsonPrimitive()) {
      return o;
    }
    for (String key : o.keySet()) {
      JsonElement v = o.get(key);
      if (v.isJsonObject()) {
        JsonObject found = findConfig(v.getAsJsonObject());
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static Optional<List<LabelClass>> classesFrom(JsonElement e) {
    JsonArray arr = null;
    if (e.isJsonArray()) {
      arr = e.getAsJsonArray();
    } else if (e.isJsonObject()
        && e.getAsJsonObject().has("classes")
        && e.getAsJsonObject().get("classes").isJsonArray()) {
      arr = e.getAsJsonObject().getAsJsonArray("classes");
    }
    if (arr == null || arr.isEmpty()) {
      return Optional.empty();
    }
    List<LabelClass> out = new ArrayList<>();
    for (JsonElement x : arr) {
      if (!x.isJsonObject()) {
        return Optional.empty();
      }
      JsonObject c = x.getAsJsonObject();
      if (!c.has("id") || !c.has("name") || !c.has("color")) {
        return Optional.empty();
      }
      out.add(
          new LabelClass(
              c.get("id").getAsInt(), c.get("name").getAsString(), c.get("color").getAsString()));
    }
    return Optional.of(out);
  }

  private static int intOr(JsonObject o, String key, int fallback) {
    return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsInt() : fallback;
  }
}
