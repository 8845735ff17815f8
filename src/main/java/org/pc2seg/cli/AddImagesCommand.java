package org.pc2seg.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.pc2seg.project.ImageAddition;
import org.pc2seg.project.Problem;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectImporter;
import org.pc2seg.project.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code add-images PROJECT PATH...}: what File → Add images… does, for scripts. */
@Command(
    name = "add-images",
    mixinStandardHelpOptions = true,
    description = {
      "Add image files, and the images under folders (recursively), to a project's unlabeled pool.",
      "An image whose mask is still in the project's masks folder (removed earlier) comes back"
          + " labeled, as a training image. Files already in the project are left as they are;"
          + " files that are not images or cannot be read are skipped and listed.",
      "Predict the new images with: predict --project PROJECT"
    })
public final class AddImagesCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
  Path project;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "PATH",
      description = "image files and folders of images")
  List<Path> paths;

  @Override
  public Integer call() {
    try {
      Project p = ProjectStore.open(project);
      ImageAddition a = ProjectImporter.addFiles(p, paths);
      if (!a.added().isEmpty()) {
        ProjectStore.save(p);
      }
      System.out.println(a.summary());
      for (Problem skipped : a.skipped()) {
        System.err.println("skipped " + skipped);
      }
      return a.added().isEmpty() && !a.skipped().isEmpty() ? 1 : 0;
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }
}
