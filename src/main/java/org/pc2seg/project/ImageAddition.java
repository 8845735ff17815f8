package org.pc2seg.project;

import java.util.List;

/**
 * What adding images to a project did ({@link ProjectImporter#addFiles}).
 *
 * @param added the images now in the project, in the order given
 * @param alreadyInProject files that were in the project already and were left as they were
 * @param skipped files not added, each with the reason
 */
public record ImageAddition(List<ImageItem> added, int alreadyInProject, List<Problem> skipped) {

  /** One line for the status bar, e.g. "Added 12 images; 1 skipped: a.txt: not an image file …". */
  public String summary() {
    StringBuilder b = new StringBuilder();
    long labeled = added.stream().filter(i -> i.status() == ImageStatus.LABELED).count();
    b.append(added.isEmpty() ? "No images added" : "Added " + count(added.size(), "image"));
    if (labeled > 0) {
      b.append(" (").append(labeled).append(" with a mask from before, as training images)");
    }
    if (alreadyInProject > 0) {
      b.append("; ")
          .append(alreadyInProject)
          .append(alreadyInProject == 1 ? " was" : " were")
          .append(" in the project already");
    }
    if (!skipped.isEmpty()) {
      b.append("; ").append(skipped.size()).append(" skipped: ");
      Problem first = skipped.get(0);
      b.append(first.file().getFileName()).append(": ").append(first.message());
      if (skipped.size() > 1) {
        b.append(" (and ").append(skipped.size() - 1).append(" more)");
      }
    }
    return b.append('.').toString();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
