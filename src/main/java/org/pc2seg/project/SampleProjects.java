package org.pc2seg.project;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the bundled sample projects (next to the jar, in the app image, or in the repo). */
public final class SampleProjects {
  /** Name of the sample project opened by default. */
  public static final String DEFAULT = "shapes";

  private SampleProjects() {}

  /** The folder that holds the sample projects, if one can be found. */
  public static Optional<Path> samplesDir() {
    List<Path> candidates = new ArrayList<>();
    String prop = System.getProperty("pc2seg.sample.dir");
    if (prop != null) {
      candidates.add(Path.of(prop));
    }
    jarDir()
        .ifPresent(
            d -> {
              candidates.add(d.resolve("sample-projects"));
              if (d.getParent() != null) {
                candidates.add(d.getParent().resolve("sample-projects"));
              }
            });
    candidates.add(Path.of("sample-projects"));
    return candidates.stream().filter(Files::isDirectory).findFirst().map(Path::toAbsolutePath);
  }

  /** The default sample project folder, if it is installed. */
  public static Optional<Path> defaultProject() {
    return samplesDir()
        .map(d -> d.resolve(DEFAULT))
        .filter(d -> Files.exists(d.resolve(Project.FILE)));
  }

  /**
   * The user's own copy of a bundled sample project, made once under {@link #userDataDir()}. The
   * bundled sample is never edited in place: it may be installed read-only, and in a source
   * checkout it is a committed file that painting must not change. A second call returns the
   * existing copy with the user's edits.
   */
  public static Path userCopy(Path sample) throws IOException {
    Path copy = userDataDir().resolve("samples").resolve(sample.getFileName().toString());
    if (!Files.exists(copy.resolve(Project.FILE))) {
      copyTree(sample, copy);
    }
    return copy;
  }

  /**
   * Per-user data folder: the system property {@code pc2seg.data.dir} if set, else {@code
   * $XDG_DATA_HOME/pc2seg-studio}, else {@code ~/.pc2seg-studio}.
   */
  public static Path userDataDir() {
    String prop = System.getProperty("pc2seg.data.dir");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "pc2seg-studio");
    }
    return Path.of(System.getProperty("user.home"), ".pc2seg-studio");
  }

  private static void copyTree(Path src, Path dst) throws IOException {
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.toList()) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.createDirectories(t.getParent());
          Files.copy(p, t);
          t.toFile().setWritable(true, true);
        }
      }
    }
  }

  private static Optional<Path> jarDir() {
    try {
      Path loc =
          Path.of(SampleProjects.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Optional.ofNullable(loc.getParent());
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
