package org.pc2seg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pc2seg-studio} command line. */
@Command(
    name = "pc2seg-studio",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "PC2Seg Studio: label images for semantic segmentation with semi-supervised PC2Seg."
            + "%nRun with no arguments (or a project folder) to open the GUI.",
    subcommands = {
      InfoCommand.class,
      AddImagesCommand.class,
      SampleCommand.class,
      TrainCommand.class,
      ExperimentCommand.class,
      EvalCommand.class,
      PredictCommand.class,
      BenchCommand.class,
      ExportCommand.class,
      ActiveExperimentCommand.class,
      CommandLine.HelpCommand.class
    })
public final class RootCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs the command line and returns the exit code. */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new RootCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    // Every subcommand answers --version like the root command does.
    VersionProvider version = new VersionProvider();
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandSpec().versionProvider() == null) {
        sub.getCommandSpec().versionProvider(version);
      }
    }
    return cl.execute(args);
  }
}
