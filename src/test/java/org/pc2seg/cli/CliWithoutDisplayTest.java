package org.pc2seg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pc2seg.Main;
import picocli.CommandLine;

/**
 * The command line runs through {@link Main} in a fresh JVM with no display and with only the app's
 * classes, picocli and Gson on the class path: it loads neither JavaFX nor DJL.
 */
class CliWithoutDisplayTest {
  @Test
  void infoRunsWithoutDisplayOrJavaFx() throws Exception {
    Result r = runMain("info", "sample-projects/shapes");
    assertThat(r.code).as(r.output).isZero();
    assertThat(r.output).contains("Images: 120", "Classes: 4");
  }

  @Test
  void badProjectExitsNonZeroFromMain() throws Exception {
    Result r = runMain("info", "no/such/project");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.output).contains("error: no/such/project: no such project folder");
  }

  @Test
  void versionRunsWithoutDisplay() throws Exception {
    Result r = runMain("--version");
    assertThat(r.code).as(r.output).isZero();
    assertThat(r.output).startsWith("PC2Seg Studio ");
  }

  private record Result(int code, String output) {}

  private static Result runMain(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp =
        String.join(
            File.pathSeparator,
            codeSource(Main.class),
            codeSource(CommandLine.class),
            codeSource(Gson.class));
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", cp, Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("DISPLAY");
    pb.environment().remove("WAYLAND_DISPLAY");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static String codeSource(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
