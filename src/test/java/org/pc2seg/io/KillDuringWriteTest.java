package org.pc2seg.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.image.TestImages;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.LabelClass;
import org.pc2seg.project.MaskStore;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectImporter;
import org.pc2seg.project.ProjectStore;
import org.pc2seg.project.Split;

/**
 * Kills a child JVM with SIGKILL at random moments while it saves masks and {@code project.json} in
 * a loop, then checks that every file on disk is a complete old or new version.
 */
class KillDuringWriteTest {
  private static final int ROUNDS = 6;
  private static final int IMAGES = 8;
  private static final int SIZE = 96;

  @TempDir Path dir;

  @Test
  void everyFileIsOldOrNewAfterSigkill() throws Exception {
    Path images = dir.resolve("images");
    for (int i = 0; i < IMAGES; i++) {
      TestImages.png(images.resolve("img" + i + ".png"), SIZE, SIZE);
    }
    Project p =
        ProjectImporter.fromFolder(
            images,
            dir,
            "gen-0",
            List.of(
                new LabelClass(0, "a", "#000000"),
                new LabelClass(1, "b", "#ff0000"),
                new LabelClass(2, "c", "#00ff00"),
                new LabelClass(3, "d", "#0000ff")),
            Split.TRAIN);
    for (ImageItem item : p.items()) {
      MaskStore.write(p, item, KillWriterMain.maskFor(0, SIZE, SIZE));
    }
    ProjectStore.save(p);

    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    int lastGen = 0;
    int killedWhileRunning = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Child child = startChild();
      assertThat(child.awaitReady())
          .as("child output (seed %d): %s", seed, child.output())
          .isTrue();
      assertThat(child.readyGeneration.get()).isEqualTo(lastGen);
      if (round == ROUNDS - 1) {
        // Make sure the child got through at least one full save before the last kill.
        assertThat(child.awaitSaved()).as("child output: %s", child.output()).isTrue();
        Thread.sleep(rnd.nextInt(200));
      } else {
        Thread.sleep(40 + rnd.nextInt(500));
      }
      if (child.process.isAlive()) {
        killedWhileRunning++;
      }
      child.process.destroyForcibly(); // SIGKILL on Linux
      assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      lastGen = checkConsistent(seed, round);
    }
    assertThat(killedWhileRunning).as("child died on its own (seed %d)", seed).isEqualTo(ROUNDS);
    assertThat(lastGen).as("the child made progress").isPositive();
  }

  /** Checks every file and returns the generation of project.json. */
  private int checkConsistent(long seed, int round) throws Exception {
    String why = "seed " + seed + ", round " + round;
    String json = Files.readString(dir.resolve("project.json"), StandardCharsets.UTF_8);
    JsonObject parsed = new Gson().fromJson(json, JsonObject.class);
    assertThat(parsed.get("images").getAsJsonArray()).as(why).hasSize(IMAGES);
    Project p = ProjectStore.open(dir);
    assertThat(p.problems()).as(why).isEmpty();
    assertThat(p.itemsByStatus(ImageStatus.LABELED)).as(why).hasSize(IMAGES);
    int gen = KillWriterMain.generationOf(p);

    // project.json.bak holds the version before the last save (or the same one, if the kill came
    // between backing up and writing the new version).
    if (gen > 0) {
      String bak = Files.readString(dir.resolve("project.json.bak"), StandardCharsets.UTF_8);
      String bakName = new Gson().fromJson(bak, JsonObject.class).get("name").getAsString();
      assertThat(bakName).as(why).isIn("gen-" + (gen - 1), "gen-" + gen);
    }

    // Masks are written before project.json, so each is at generation gen or gen + 1.
    IndexMask older = KillWriterMain.maskFor(gen, SIZE, SIZE);
    IndexMask newer = KillWriterMain.maskFor(gen + 1, SIZE, SIZE);
    for (ImageItem item : p.items()) {
      IndexMask m = MaskCodec.read(p.maskFile(item));
      assertThat(m).as(why + ": " + p.maskFile(item)).isIn(older, newer);
    }

    // Nothing else in the folders but leftover temporary files of the killed write.
    List<String> unexpected = new ArrayList<>();
    for (Path d : List.of(dir, p.masksDir())) {
      try (Stream<Path> s = Files.list(d)) {
        s.map(f -> f.getFileName().toString())
            .filter(n -> !AtomicFiles.isTempName(n))
            .filter(
                n -> !List.of("project.json", "project.json.bak", "images", "masks").contains(n))
            .filter(n -> !(d.equals(p.masksDir()) && n.matches("images__img\\d\\.png")))
            .forEach(unexpected::add);
      }
    }
    assertThat(unexpected).as(why).isEmpty();
    return gen;
  }

  private Child startChild() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp =
        String.join(
            File.pathSeparator,
            codeSource(KillWriterMain.class),
            codeSource(Project.class),
            codeSource(Gson.class));
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-cp",
                cp,
                KillWriterMain.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    return new Child(p);
  }

  /** A running writer, with its output read on a background thread. */
  private static final class Child {
    final Process process;
    final AtomicInteger readyGeneration = new AtomicInteger(-1);
    final StringBuffer output = new StringBuffer();
    final CountDownLatch ready = new CountDownLatch(1);
    final CountDownLatch saved = new CountDownLatch(1);

    Child(Process process) {
      this.process = process;
      Thread t = new Thread(this::pump, "kill-writer-output");
      t.setDaemon(true);
      t.start();
    }

    private void pump() {
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (line.startsWith("ready ")) {
            readyGeneration.set(Integer.parseInt(line.substring(6)));
            ready.countDown();
          } else if (line.startsWith("saved ")) {
            saved.countDown();
          } else if (output.length() < 20_000) {
            output.append(line).append('\n');
          }
        }
      } catch (java.io.IOException e) {
        // the process was killed
      }
    }

    boolean awaitReady() throws InterruptedException {
      return ready.await(60, TimeUnit.SECONDS);
    }

    boolean awaitSaved() throws InterruptedException {
      return saved.await(60, TimeUnit.SECONDS);
    }

    String output() {
      return output.toString();
    }
  }

  private static String codeSource(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
