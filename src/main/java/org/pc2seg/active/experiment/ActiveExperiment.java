package org.pc2seg.active.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.pc2seg.active.DiverseRanking;
import org.pc2seg.active.ImageDescriptor;
import org.pc2seg.active.ProbabilityMap;
import org.pc2seg.active.RankedImage;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.project.Project;

/**
 * Simulates a user labeling a project with the {@code ground-truth/} masks as the oracle. Per seed:
 * train on the project's labeled training images, measure validation mIoU, then for each order
 * (uncertainty-suggested, random) repeat {@code rounds} times: label the next {@code perRound} pool
 * images of that order, train on, measure mIoU. Both orders branch from the same initial weights,
 * so the first point of their curves is shared.
 */
public final class ActiveExperiment {
  private final ExperimentConfig config;

  public ActiveExperiment(ExperimentConfig config) {
    this.config = config;
  }

  /**
   * Runs the experiment.
   *
   * @param log receives one line per round
   * @return the curves (those finished when cancelled)
   */
  public ExperimentResult run(Project project, Consumer<String> log, CancelToken cancel)
      throws IOException {
    long start = System.nanoTime();
    List<ExperimentData.Sample> initial =
        ExperimentData.load(project, project.labeledTrainItems(), true);
    List<ExperimentData.Sample> val = ExperimentData.load(project, project.labeledValItems(), true);
    List<ExperimentData.Sample> pool = ExperimentData.load(project, project.unlabeledPool(), false);
    if (initial.isEmpty() || val.isEmpty()) {
      throw new IOException(
          project.root() + ": the experiment needs labeled training and validation images");
    }
    if (pool.size() < config.rounds() * config.perRound()) {
      throw new IOException(
          project.root()
              + ": the pool has "
              + pool.size()
              + " images, fewer than rounds × per round = "
              + config.rounds() * config.perRound());
    }
    log.accept(
        String.format(
            Locale.ROOT,
            "%d labeled, %d pool, %d val images; %d round(s) of %d, seeds %s",
            initial.size(),
            pool.size(),
            val.size(),
            config.rounds(),
            config.perRound(),
            config.seeds()));
    List<ExperimentResult.Curve> curves = new ArrayList<>();
    Path tmp = Files.createTempFile("pc2seg-active-", ".params");
    try {
      for (long seed : config.seeds()) {
        double miou0;
        double trainSeconds;
        try (ExperimentModel m = new ExperimentModel(config.model(), seed)) {
          m.train(
              initial, config.initialSteps(), config.batch(), config.crop(), config.learningRate());
          miou0 = m.meanIou(val);
          trainSeconds = m.lastTrainSeconds;
          m.save(tmp);
        }
        log.accept(
            String.format(
                Locale.ROOT,
                "seed %d: %d labeled -> mIoU %.3f (train %.0f s)",
                seed,
                initial.size(),
                miou0,
                trainSeconds));
        for (String order : List.of(ExperimentResult.SUGGESTED, ExperimentResult.RANDOM)) {
          if (cancel.isCancelled()) {
            return new ExperimentResult(curves, seconds(start));
          }
          curves.add(runOrder(order, seed, initial, val, pool, miou0, tmp, log, cancel));
        }
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return new ExperimentResult(curves, seconds(start));
  }

  private ExperimentResult.Curve runOrder(
      String order,
      long seed,
      List<ExperimentData.Sample> initial,
      List<ExperimentData.Sample> val,
      List<ExperimentData.Sample> pool,
      double miou0,
      Path weights,
      Consumer<String> log,
      CancelToken cancel)
      throws IOException {
    int points = config.rounds() + 1;
    int[] labeledCounts = new int[points];
    double[] miou = new double[points];
    labeledCounts[0] = initial.size();
    miou[0] = miou0;
    List<ExperimentData.Sample> labeled = new ArrayList<>(initial);
    List<ExperimentData.Sample> remaining = new ArrayList<>(pool);
    Random pick = new Random(seed * 7919 + 17);
    long branchSeed = seed * 1_000_003L + (order.equals(ExperimentResult.SUGGESTED) ? 1 : 2);
    try (ExperimentModel m = new ExperimentModel(config.model(), branchSeed)) {
      m.load(weights);
      for (int r = 1; r <= config.rounds() && !cancel.isCancelled(); r++) {
        long t0 = System.nanoTime();
        List<ExperimentData.Sample> chosen =
            order.equals(ExperimentResult.SUGGESTED)
                ? suggest(m, candidates(remaining, pick))
                : random(remaining, pick, config.perRound());
        double rankSeconds = seconds(t0);
        labeled.addAll(chosen);
        remaining.removeAll(chosen);
        m.train(
            labeled, config.stepsPerRound(), config.batch(), config.crop(), config.learningRate());
        labeledCounts[r] = labeled.size();
        miou[r] = m.meanIou(val);
        log.accept(
            String.format(
                Locale.ROOT,
                "seed %d, %s, round %d: %d labeled -> mIoU %.3f (rank %.0f s, train %.0f s)",
                seed,
                order,
                r,
                labeled.size(),
                miou[r],
                rankSeconds,
                m.lastTrainSeconds));
      }
    }
    return new ExperimentResult.Curve(order, seed, labeledCounts, miou);
  }

  private List<ExperimentData.Sample> suggest(
      ExperimentModel m, List<ExperimentData.Sample> remaining) {
    List<ProbabilityMap> probs = m.probabilities(remaining);
    List<DiverseRanking.Scored> scored = new ArrayList<>();
    for (int i = 0; i < remaining.size(); i++) {
      ExperimentData.Sample s = remaining.get(i);
      float[] d =
          config.diversity() > 0
              ? ImageDescriptor.withClassFractions(
                  ImageDescriptor.ofPlanes(s.chw(), s.width(), s.height()), probs.get(i))
              : null;
      scored.add(
          new DiverseRanking.Scored(s.id(), config.measure().score(probs.get(i), null, 1), d));
    }
    List<RankedImage> ranked = DiverseRanking.rank(scored, config.diversity());
    List<ExperimentData.Sample> out = new ArrayList<>();
    for (RankedImage r : ranked.subList(0, config.perRound())) {
      remaining.stream().filter(s -> s.id().equals(r.id())).findFirst().ifPresent(out::add);
    }
    return out;
  }

  private List<ExperimentData.Sample> candidates(
      List<ExperimentData.Sample> remaining, Random rnd) {
    if (config.candidates() == 0 || config.candidates() >= remaining.size()) {
      return remaining;
    }
    return random(remaining, rnd, config.candidates());
  }

  private static List<ExperimentData.Sample> random(
      List<ExperimentData.Sample> remaining, Random rnd, int n) {
    List<ExperimentData.Sample> shuffled = new ArrayList<>(remaining);
    Collections.shuffle(shuffled, rnd);
    return new ArrayList<>(shuffled.subList(0, n));
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
