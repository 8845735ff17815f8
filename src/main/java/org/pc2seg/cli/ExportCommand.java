package org.pc2seg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code export}: masks, predictions and models out of a project. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Export masks, predictions or the active model of a project.",
    subcommands = {
      ExportMasksCommand.class,
      ExportPredictionsCommand.class,
      ExportModelCommand.class
    })
public final class ExportCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
