package org.pc2seg.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An annotation project: a folder holding {@code project.json}, {@code masks/}, {@code
 * predictions/} and {@code models/}. Images may live inside the folder or anywhere relative to it.
 * Open and save through {@link ProjectStore}; read and write masks through {@link MaskStore}.
 *
 * <p>Not thread-safe for structural changes; the GUI changes it on one thread and the trainer takes
 * a snapshot of the item list.
 */
public final class Project {
  /** File name of the project description. */
  public static final String FILE = "project.json";

  /** Current schema version written by this build. */
  public static final int SCHEMA_VERSION = 1;

  private final Path root;
  private String name;
  private final List<LabelClass> classes = new ArrayList<>();
  // Copy-on-write: background work (predicting the pool, ranking, saving) iterates the images
  // while the FX thread may add or remove some; each iteration sees one consistent list.
  private final List<ImageItem> items = new CopyOnWriteArrayList<>();
  private final List<Problem> problems = new CopyOnWriteArrayList<>();
  private final List<ProjectListener> listeners = new CopyOnWriteArrayList<>();
  private String activeModel;

  public Project(Path root, String name, List<LabelClass> classes) {
    this.root = root.toAbsolutePath().normalize();
    this.name = name;
    this.classes.addAll(classes);
  }

  public Path root() {
    return root;
  }

  public Path file() {
    return root.resolve(FILE);
  }

  public String name() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
    fire();
  }

  /** The class table, sorted by id. Edit it through {@link ClassTable}. */
  public List<LabelClass> classes() {
    return Collections.unmodifiableList(classes);
  }

  List<LabelClass> mutableClasses() {
    return classes;
  }

  public Optional<LabelClass> classById(int id) {
    return classes.stream().filter(c -> c.id() == id).findFirst();
  }

  /** Largest class id + 1: the number of output channels a model needs. */
  public int numClasses() {
    return classes.stream().mapToInt(LabelClass::id).max().orElse(-1) + 1;
  }

  public boolean isClassId(int value) {
    return classes.stream().anyMatch(c -> c.id() == value);
  }

  public List<ImageItem> items() {
    return Collections.unmodifiableList(items);
  }

  List<ImageItem> mutableItems() {
    return items;
  }

  public Optional<ImageItem> item(String relativePath) {
    String p = relativePath.replace('\\', '/');
    return items.stream().filter(i -> i.path().equals(p)).findFirst();
  }

  public List<ImageItem> itemsBySplit(Split split) {
    return items.stream().filter(i -> i.split() == split).toList();
  }

  public List<ImageItem> itemsByStatus(ImageStatus status) {
    return items.stream().filter(i -> i.status() == status).toList();
  }

  /** Training images that have a saved mask. */
  public List<ImageItem> labeledTrainItems() {
    return items.stream()
        .filter(i -> i.split() == Split.TRAIN && i.status() == ImageStatus.LABELED)
        .toList();
  }

  /** Images usable as unlabeled data: the unlabeled split and train images without a mask. */
  public List<ImageItem> unlabeledPool() {
    return items.stream()
        .filter(i -> i.status() != ImageStatus.BROKEN)
        .filter(
            i ->
                i.split() == Split.UNLABELED
                    || (i.split() == Split.TRAIN && i.status() != ImageStatus.LABELED))
        .toList();
  }

  /** Validation images that have a saved mask. */
  public List<ImageItem> labeledValItems() {
    return items.stream()
        .filter(i -> i.split() == Split.VAL && i.status() == ImageStatus.LABELED)
        .toList();
  }

  public Path imageFile(ImageItem item) {
    return root.resolve(item.path()).normalize();
  }

  public Path masksDir() {
    return root.resolve("masks");
  }

  public Path maskFile(ImageItem item) {
    return masksDir().resolve(item.stem() + ".png");
  }

  public Path predictionsDir() {
    return root.resolve("predictions");
  }

  /** Predicted class index PNG of an image. */
  public Path predictionFile(ImageItem item) {
    return predictionsDir().resolve(item.stem() + ".png");
  }

  /** Predicted confidence PNG (0..255 = max class probability) of an image. */
  public Path confidenceFile(ImageItem item) {
    return predictionsDir().resolve(item.stem() + ".conf.png");
  }

  public Path modelsDir() {
    return root.resolve("models");
  }

  /** The active model's run folder, if one is set. */
  public Optional<Path> activeModel() {
    return Optional.ofNullable(activeModel).map(root::resolve);
  }

  /** Sets the active model (a run folder, stored relative to the project), or clears it. */
  public void setActiveModel(Path runDir) {
    this.activeModel =
        runDir == null ? null : root.relativize(runDir.toAbsolutePath().normalize()).toString();
    fire();
  }

  String activeModelRaw() {
    return activeModel;
  }

  void setActiveModelRaw(String raw) {
    this.activeModel = raw;
  }

  /** Problems found when the project was opened (missing images, bad masks, ...). */
  public List<Problem> problems() {
    return Collections.unmodifiableList(problems);
  }

  void addProblem(Problem p) {
    problems.add(p);
  }

  public void addListener(ProjectListener l) {
    listeners.add(l);
  }

  public void removeListener(ProjectListener l) {
    listeners.remove(l);
  }

  /** Tells listeners that something in the project changed. */
  public void fire() {
    for (ProjectListener l : listeners) {
      l.projectChanged(this);
    }
  }
}
