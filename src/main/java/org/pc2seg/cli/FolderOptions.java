package org.pc2seg.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pc2seg.ml.data.TrainingData;
import picocli.CommandLine.Option;

/**
 * VOC-style data folders on the command line ({@code train} and {@code experiment}): labeled
 * training images and their masks, unlabeled images, validation images and masks, class names.
 */
public final class FolderOptions {
  @Option(names = "--train-images", description = "labeled training images")
  Path trainImages;

  @Option(names = "--train-masks", description = "their masks (<stem>.png, 255 = ignore)")
  Path trainMasks;

  @Option(names = "--unlabeled", description = "unlabeled images")
  Path unlabeled;

  @Option(names = "--val-images", description = "validation images")
  Path valImages;

  @Option(names = "--val-masks", description = "validation masks")
  Path valMasks;

  @Option(
      names = "--classes",
      split = ",",
      description = "class names in id order (folders; default: from the masks)")
  List<String> classes;

  /** Whether any folder was given. */
  boolean given() {
    return trainImages != null
        || trainMasks != null
        || unlabeled != null
        || valImages != null
        || valMasks != null;
  }

  /** The data of the folders; training images and masks are required. */
  TrainingData load() throws IOException {
    if (trainImages == null || trainMasks == null) {
      throw new IllegalArgumentException(
          "give --project P or --train-images DIR --train-masks DIR");
    }
    return TrainingData.fromFolders(
        trainImages,
        trainMasks,
        unlabeled,
        valImages,
        valMasks,
        classes == null ? List.of() : List.copyOf(classes));
  }
}
