package org.pc2seg;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pc2seg.cli.RootCommand;

/**
 * Entry point. With no arguments, or a project folder as the only argument, opens the GUI; with a
 * command ({@code info}, {@code train}, ...) or an option, runs the command line, which needs no
 * display.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.setProperty("ai.djl.offline", "true");
    if (wantsGui(args)) {
      org.pc2seg.gui.StudioLauncher.launch(args.length == 0 ? null : Path.of(args[0]));
      return;
    }
    System.exit(RootCommand.run(args));
  }

  static boolean wantsGui(String[] args) {
    if (args.length == 0) {
      return true;
    }
    return args.length == 1 && !args[0].startsWith("-") && Files.isDirectory(Path.of(args[0]));
  }
}
