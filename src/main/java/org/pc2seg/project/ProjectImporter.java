package org.pc2seg.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.pc2seg.image.ImageFormatException;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;

/** Builds projects from image folders and VOC-style datasets, and adds or removes images. */
public final class ProjectImporter {
  private ProjectImporter() {}

  /** Default class table for a new project. */
  public static List<LabelClass> defaultClasses() {
    return List.of(
        new LabelClass(0, "background", "#000000"), new LabelClass(1, "foreground", "#e6194b"));
  }

  /**
   * Creates a project in {@code projectDir} referencing every image under {@code imagesDir}
   * (recursively), all in the given split. Unreadable files become problems, not failures.
   */
  public static Project fromFolder(
      Path imagesDir, Path projectDir, String name, List<LabelClass> classes, Split split)
      throws IOException {
    return create(projectDir, name, classes, listImages(imagesDir), split);
  }

  private static Project create(
      Path projectDir, String name, List<LabelClass> classes, List<Path> images, Split split)
      throws IOException {
    Project p = ProjectStore.create(projectDir, name, classes);
    addImages(p, images, split);
    ProjectStore.save(p);
    return p;
  }

  /**
   * Makes {@code dir}, a folder of images that is not a project yet, into one: project.json and the
   * project's folders go beside the images, which are referenced where they are and not changed.
   * Refused when one of the project's folders ({@link ImageFolderSurvey#PROJECT_FOLDERS}) already
   * exists there, since the project would write into it, or when the folder holds no images.
   */
  public static Project inImageFolder(Path dir, List<LabelClass> classes) throws IOException {
    List<String> taken = ImageFolderSurvey.existingProjectFolders(dir);
    if (!taken.isEmpty()) {
      throw new ProjectException(
          dir.resolve(taken.get(0)),
          "already exists, and a project made here would write its "
              + taken.get(0)
              + " into it; make the project in an empty folder instead");
    }
    List<Path> images = listImages(dir); // the folder is walked once
    if (images.isEmpty()) {
      throw new ProjectException(dir, "holds no images to make a project of");
    }
    return create(dir, dir.getFileName().toString(), classes, images, Split.TRAIN);
  }

  /**
   * Imports a VOC-style dataset: images in {@code imagesDir}, same-stem index PNG masks in {@code
   * masksDir}. Images with a mask go to {@code labeledSplit}; images without one go to UNLABELED.
   * Masks are validated and copied into the project's masks folder.
   */
  public static Project importVoc(
      Path imagesDir,
      Path masksDir,
      Path projectDir,
      String name,
      List<LabelClass> classes,
      Split labeledSplit)
      throws IOException {
    Project p = ProjectStore.create(projectDir, name, classes);
    importVocInto(p, imagesDir, masksDir, labeledSplit);
    ProjectStore.save(p);
    return p;
  }

  /** Adds a VOC-style folder pair to an existing project. */
  public static void importVocInto(Project p, Path imagesDir, Path masksDir, Split labeledSplit)
      throws IOException {
    List<ImageItem> added = addImages(p, listImages(imagesDir), Split.UNLABELED);
    for (ImageItem item : added) {
      String base = stemOf(p.imageFile(item).getFileName().toString());
      Path mask = masksDir.resolve(base + ".png");
      if (!Files.exists(mask)) {
        continue;
      }
      try {
        IndexMask m = MaskCodec.read(mask);
        MaskStore.validate(p, item, m, mask);
        MaskStore.write(p, item, m);
        item.setSplit(labeledSplit);
      } catch (ImageFormatException e) {
        p.addProblem(new Problem(mask, ProjectStore.stripFile(e.getMessage(), mask)));
      }
    }
  }

  /** Adds image files (anywhere on disk) to a project; already present paths are skipped. */
  public static List<ImageItem> addImages(Project p, List<Path> files, Split split) {
    ImageAddition a = add(p, files, split, new ArrayList<>(), false);
    for (Problem skipped : a.skipped()) {
      p.addProblem(skipped);
    }
    return a.added();
  }

  /**
   * Adds image files, and the images under folders (recursively, as {@link #listImages}), to an
   * open project: what File → Add images… and dropping files on the window do. New images join the
   * unlabeled pool; one whose mask is already in the project's masks folder (an image removed
   * earlier and added again) comes back labeled, as a training image, and one with a prediction
   * comes back predicted. Files already in the project are counted, not added twice; files that are
   * not images, cannot be read, or would share another image's mask name are skipped with the
   * reason. Fires one change and does not save.
   */
  public static ImageAddition addFiles(Project p, List<Path> filesOrFolders) throws IOException {
    List<Path> files = new ArrayList<>();
    List<Problem> skipped = new ArrayList<>();
    for (Path f : filesOrFolders) {
      if (Files.isDirectory(f)) {
        files.addAll(listImages(f));
      } else if (ImageLoader.isImageFile(f)) {
        files.add(f);
      } else {
        skipped.add(
            new Problem(
                f,
                Files.exists(f)
                    ? "not an image file (" + String.join(", ", ImageLoader.EXTENSIONS) + ")"
                    : "no such file"));
      }
    }
    return add(p, files, Split.UNLABELED, skipped, true);
  }

  private static ImageAddition add(
      Project p, List<Path> files, Split split, List<Problem> skipped, boolean fromDisk) {
    Set<String> paths = new HashSet<>();
    Set<String> stems = new HashSet<>();
    for (ImageItem i : p.items()) {
      paths.add(i.path());
      stems.add(i.stem());
    }
    List<ImageItem> added = new ArrayList<>();
    int present = 0;
    for (Path f : files) {
      Path abs = f.toAbsolutePath().normalize();
      String rel = p.root().relativize(abs).toString().replace('\\', '/');
      if (!paths.add(rel)) {
        present++;
        continue;
      }
      try {
        ImageLoader.Size size = ImageLoader.readSize(abs);
        ImageItem item =
            new ImageItem(rel, size.width(), size.height(), split, ImageStatus.UNLABELED);
        if (!stems.add(item.stem())) {
          skipped.add(new Problem(abs, "another image already uses the mask name " + item.stem()));
          continue;
        }
        if (fromDisk) {
          ProjectStore.refreshStatus(p, item);
          if (item.status() == ImageStatus.LABELED && split == Split.UNLABELED) {
            item.setSplit(Split.TRAIN);
          }
        }
        added.add(item);
      } catch (IOException e) {
        skipped.add(new Problem(abs, ProjectStore.stripFile(e.getMessage(), abs)));
      }
    }
    p.mutableItems().addAll(added); // one copy of the copy-on-write list, however many images
    p.fire();
    return new ImageAddition(List.copyOf(added), present, List.copyOf(skipped));
  }

  /**
   * Takes images out of the project in one change; no file is deleted, so their masks and
   * predictions come back if they are added again ({@link #addFiles}).
   */
  public static void removeImages(Project p, List<ImageItem> items) {
    Set<ImageItem> out = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    out.addAll(items);
    p.mutableItems().removeIf(out::contains); // one copy of the copy-on-write list
    p.fire();
  }

  /** Removes an image from the project, optionally deleting its mask and predictions. */
  public static void removeImage(Project p, ImageItem item, boolean deleteFiles)
      throws IOException {
    if (deleteFiles) {
      Files.deleteIfExists(p.maskFile(item));
      Files.deleteIfExists(p.predictionFile(item));
      Files.deleteIfExists(p.confidenceFile(item));
    }
    removeImages(p, List.of(item));
  }

  /**
   * Image files under a folder, recursively, in a stable (sorted) order; hidden files and the
   * contents of hidden folders are left out.
   */
  public static List<Path> listImages(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new ProjectException(dir, "not a folder");
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(ImageLoader::isImageFile)
          .filter(f -> !ImageFolderSurvey.hidden(dir, f))
          .sorted()
          .toList();
    }
  }

  static String stemOf(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }
}
