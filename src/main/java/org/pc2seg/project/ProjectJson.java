package org.pc2seg.project;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The on-disk JSON form of a project; field order here is the order written. */
final class ProjectJson {
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

  int schemaVersion;
  String name;
  List<ClassJson> classes;
  String activeModel;
  List<ImageJson> images;

  static final class ClassJson {
    int id;
    String name;
    String color;
  }

  static final class ImageJson {
    String path;
    int width;
    int height;
    String split;
    String status;
    String created;
    String modified;
  }

  static String write(Project p) {
    ProjectJson j = new ProjectJson();
    j.schemaVersion = Project.SCHEMA_VERSION;
    j.name = p.name();
    j.activeModel = p.activeModelRaw();
    j.classes = new ArrayList<>();
    for (LabelClass c : p.classes()) {
      ClassJson cj = new ClassJson();
      cj.id = c.id();
      cj.name = c.name();
      cj.color = c.color();
      j.classes.add(cj);
    }
    j.images = new ArrayList<>();
    for (ImageItem i : p.items()) {
      ImageJson ij = new ImageJson();
      ij.path = i.path();
      ij.width = i.width();
      ij.height = i.height();
      ij.split = i.split().name().toLowerCase(Locale.ROOT);
      ij.status = i.status().name().toLowerCase(Locale.ROOT);
      ij.created = i.created().toString();
      ij.modified = i.modified().toString();
      j.images.add(ij);
    }
    return GSON.toJson(j) + "\n";
  }

  /** Thrown for a project.json whose content is damaged (as opposed to too new). */
  static final class DamagedException extends ProjectException {
    DamagedException(Path file, String problem, Throwable cause) {
      super(file, problem, cause);
    }
  }

  /** Parses and validates; throws a {@link ProjectException} naming the problem. */
  static Project read(Path root, Path file, String text) throws ProjectException {
    ProjectJson j;
    try {
      j = GSON.fromJson(text, ProjectJson.class);
    } catch (JsonParseException e) {
      throw new DamagedException(file, "malformed JSON (" + e.getMessage() + ")", e);
    }
    if (j == null) {
      throw new DamagedException(file, "file is empty", null);
    }
    if (j.schemaVersion > Project.SCHEMA_VERSION) {
      throw new ProjectException(
          file,
          "written by a newer PC2Seg Studio (schema version "
              + j.schemaVersion
              + ", this build reads up to "
              + Project.SCHEMA_VERSION
              + "); update the app to open it");
    }
    if (j.schemaVersion < 1) {
      throw new DamagedException(file, "missing or invalid schemaVersion", null);
    }
    if (j.classes == null || j.classes.isEmpty()) {
      throw new DamagedException(file, "class table is missing or empty", null);
    }
    List<LabelClass> classes = new ArrayList<>();
    for (ClassJson c : j.classes) {
      try {
        classes.add(new LabelClass(c.id, c.name, c.color));
      } catch (IllegalArgumentException e) {
        throw new DamagedException(file, "bad class entry: " + e.getMessage(), null);
      }
    }
    if (classes.stream().map(LabelClass::id).distinct().count() != classes.size()) {
      throw new DamagedException(file, "class ids must be unique", null);
    }
    classes.sort((a, b) -> Integer.compare(a.id(), b.id()));
    Project p = new Project(root, j.name == null ? root.getFileName().toString() : j.name, classes);
    p.setActiveModelRaw(j.activeModel);
    if (j.images != null) {
      List<ImageItem> read = new ArrayList<>();
      Set<String> paths = new HashSet<>();
      Set<String> stems = new HashSet<>();
      for (ImageJson ij : j.images) {
        if (ij == null || ij.path == null || ij.path.isBlank()) {
          p.addProblem(new Problem(file, "an image entry has no path; skipped"));
          continue;
        }
        Split split = parseEnum(Split.class, ij.split, null);
        if (split == null) {
          p.addProblem(
              new Problem(
                  file,
                  "image "
                      + ij.path
                      + " has an unknown split '"
                      + ij.split
                      + "' (train, val or unlabeled expected); treated as unlabeled"));
          split = Split.UNLABELED;
        }
        ImageItem item =
            new ImageItem(
                ij.path,
                Math.max(0, ij.width),
                Math.max(0, ij.height),
                split,
                parseEnum(ImageStatus.class, ij.status, ImageStatus.UNLABELED));
        if (!paths.add(item.path()) || !stems.add(item.stem())) {
          p.addProblem(
              new Problem(
                  file,
                  "image " + ij.path + " is listed twice (or shares its mask name); skipped"));
          continue;
        }
        item.setTimes(parseTime(ij.created), parseTime(ij.modified));
        read.add(item);
      }
      p.mutableItems().addAll(read);
    }
    return p;
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String s, E fallback) {
    if (s == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  private static Instant parseTime(String s) {
    try {
      return s == null ? Instant.EPOCH : Instant.parse(s);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
