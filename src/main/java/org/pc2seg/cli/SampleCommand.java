package org.pc2seg.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pc2seg.project.Project;
import org.pc2seg.sample.SampleProjectGenerator;
import org.pc2seg.sample.SampleSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sample}: generate a procedural sample project (deterministic for a seed). */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = "Generate a procedural sample project (the bundled one uses the defaults).")
public final class SampleCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "new project folder")
  Path out;

  @Option(
      names = "--name",
      defaultValue = "shapes",
      description = "project name (default: ${DEFAULT-VALUE})")
  String name;

  @Option(names = "--seed", description = "random seed")
  Long seed;

  @Option(names = "--size", description = "image size in pixels")
  Integer size;

  @Option(names = "--pool", description = "images in the training pool")
  Integer pool;

  @Option(names = "--labeled", description = "pool images given a mask")
  Integer labeled;

  @Option(names = "--val", description = "validation images")
  Integer val;

  @Option(
      names = "--classes-per-image",
      defaultValue = "0",
      description =
          "at most this many object classes per image, 1-3, as in Pascal VOC"
              + " (default 0: no limit, most images hold every class)")
  int classesPerImage;

  @Override
  public Integer call() {
    SampleSpec d = SampleSpec.shapes();
    try {
      SampleSpec spec =
          new SampleSpec(
              seed == null ? d.seed() : seed,
              size == null ? d.size() : size,
              pool == null ? d.pool() : pool,
              labeled == null ? d.labeled() : labeled,
              val == null ? d.val() : val,
              classesPerImage);
      Project p = SampleProjectGenerator.generate(out, name, spec);
      System.out.println("Wrote " + p.items().size() + " images to " + p.root());
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }
}
