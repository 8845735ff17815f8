package org.pc2seg.cli;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pc2seg.active.UncertaintyMeasure;
import org.pc2seg.active.experiment.ActiveExperiment;
import org.pc2seg.active.experiment.CurvePlot;
import org.pc2seg.active.experiment.ExperimentConfig;
import org.pc2seg.active.experiment.ExperimentResult;
import org.pc2seg.io.AtomicFiles;
import org.pc2seg.ml.model.Backbone;
import org.pc2seg.ml.model.ModelConfig;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import org.pc2seg.project.SampleProjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code active-experiment}: does labeling the suggested images first beat labeling at random?
 * Simulates a user with the project's {@code ground-truth/} masks as the oracle.
 */
@Command(
    name = "active-experiment",
    mixinStandardHelpOptions = true,
    description =
        "Simulate a user labeling the project (ground-truth/ masks as the oracle): rounds of"
            + " 'label k images, train, measure val mIoU' in suggested vs random order over"
            + " several seeds. Prints both curves and writes a plot. Reads the project only.")
public final class ActiveExperimentCommand implements Callable<Integer> {
  @Option(names = "--project", description = "project folder (default: the bundled sample)")
  Path project;

  @Option(
      names = "--rounds",
      defaultValue = "2",
      description = "acquisition rounds (${DEFAULT-VALUE})")
  int rounds;

  @Option(
      names = "--per-round",
      defaultValue = "8",
      description = "images labeled per round (${DEFAULT-VALUE})")
  int perRound;

  @Option(
      names = "--initial-steps",
      defaultValue = "150",
      description = "training steps on the initial labeled set (${DEFAULT-VALUE})")
  int initialSteps;

  @Option(
      names = "--steps",
      defaultValue = "80",
      description = "training steps after each round (${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--batch", defaultValue = "2", description = "images per step (${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--crop", defaultValue = "64", description = "training crop (${DEFAULT-VALUE})")
  int crop;

  @Option(
      names = "--lr",
      defaultValue = "0.001",
      description = "Adam learning rate (${DEFAULT-VALUE})")
  double lr;

  @Option(
      names = "--width",
      defaultValue = "32",
      description = "ASPP and decoder channels, a multiple of 16 (${DEFAULT-VALUE})")
  int width;

  @Option(
      names = "--backbone",
      defaultValue = "resnet18",
      description = "encoder (${DEFAULT-VALUE})")
  String backbone;

  @Option(
      names = "--seeds",
      split = ",",
      defaultValue = "1,2,3",
      description = "seeds (${DEFAULT-VALUE})")
  List<Long> seeds;

  @Option(
      names = "--measure",
      defaultValue = "margin",
      description = "margin, entropy or least-confidence (${DEFAULT-VALUE})")
  String measure;

  @Option(
      names = "--diversity",
      defaultValue = "0",
      description = "diversity weight 0..1 (${DEFAULT-VALUE})")
  double diversity;

  @Option(
      names = "--candidates",
      defaultValue = "24",
      description = "pool images ranked per round, a random subset (0 = all) (${DEFAULT-VALUE})")
  int candidates;

  @Option(
      names = "--plot",
      defaultValue = "docs/active-learning.png",
      description = "plot PNG (${DEFAULT-VALUE})")
  Path plot;

  @Option(names = "--json", description = "also write the curves as JSON here")
  Path json;

  @Override
  public Integer call() {
    try {
      Path dir =
          project != null
              ? project
              : SampleProjects.defaultProject()
                  .orElseThrow(() -> new IOException("no sample project found; pass --project"));
      Project p = ProjectStore.open(dir);
      UncertaintyMeasure m = UncertaintyMeasure.parse(measure);
      if (m.needsStrongView()) {
        throw new IllegalArgumentException(
            "the experiment supports margin, entropy, least-confidence");
      }
      ModelConfig.requireTrainableWidth(width);
      ExperimentConfig cfg =
          new ExperimentConfig(
              rounds,
              perRound,
              initialSteps,
              steps,
              batch,
              crop,
              lr,
              seeds,
              m,
              diversity,
              candidates,
              new ModelConfig(Backbone.parse(backbone), 16, p.numClasses(), width, width, 16));
      ExperimentResult r =
          new ActiveExperiment(cfg).run(p, line -> System.err.println(line), new CancelToken());
      System.out.print(r.table());
      System.out.printf(
          Locale.ROOT,
          "(%.0f s; %s order ranked by %s%s)%n",
          r.seconds(),
          ExperimentResult.SUGGESTED,
          m.cliName(),
          diversity > 0 ? ", diversity " + diversity : "");
      CurvePlot.write(
          r,
          String.format(
              Locale.ROOT, "Active learning on '%s': %s vs random order", p.name(), m.cliName()),
          plot);
      System.out.println("Plot: " + plot);
      if (json != null) {
        AtomicFiles.writeString(
            json,
            new GsonBuilder()
                .setPrettyPrinting()
                .create()
                .toJson(
                    java.util.Map.of("config", cfg, "curves", r.curves(), "seconds", r.seconds())));
      }
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }
}
