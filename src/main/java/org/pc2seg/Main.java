package org.pc2seg;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pc2seg.cli.RootCommand;
import org.pc2seg.project.Project;

/**
 * Entry point. With no arguments, or a project folder (or its {@code project.json}, as a desktop
 * file association passes it) as the only argument, opens the GUI; with a command ({@code info},
 * {@code train}, ...) or an option, runs the command line, which needs no display.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.setProperty("ai.djl.offline", "true");
    // before any engine thread exists: fewer malloc arenas, less fragmented native memory
    int arenas = Integer.getInteger("pc2seg.mallocArenas", 2);
    if (arenas > 0) {
      try {
        org.pc2seg.ml.train.NativeMemory.limitArenas(arenas);
        int mmap = Integer.getInteger("pc2seg.mallocMmapThreshold", 0);
        if (mmap > 0) {
          org.pc2seg.ml.train.NativeMemory.mmapThreshold(mmap);
        }
      } catch (LinkageError e) {
        // no JNA on the class path (a minimal command-line class path): nothing to tune
      }
    }
    if (wantsGui(args)) {
      org.pc2seg.gui.StudioLauncher.launch(args.length == 0 ? null : projectDir(Path.of(args[0])));
      return;
    }
    System.exit(RootCommand.run(args));
  }

  static boolean wantsGui(String[] args) {
    if (args.length == 0) {
      return true;
    }
    if (args.length != 1 || args[0].startsWith("-")) {
      return false;
    }
    Path p = Path.of(args[0]);
    return Files.isDirectory(p) || isProjectFile(p);
  }

  /**
   * The project folder for a GUI argument: the folder itself, or the folder of its project file.
   */
  static Path projectDir(Path arg) {
    return isProjectFile(arg) ? arg.toAbsolutePath().getParent() : arg;
  }

  private static boolean isProjectFile(Path p) {
    return Files.isRegularFile(p)
        && p.getFileName() != null
        && p.getFileName().toString().equals(Project.FILE);
  }
}
