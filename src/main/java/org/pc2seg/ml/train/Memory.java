package org.pc2seg.ml.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process memory from /proc/self/status (Linux; NaN elsewhere). */
public final class Memory {
  private Memory() {}

  /** Current resident set size in MB. */
  public static double rssMb() {
    return field("VmRSS:");
  }

  /** Peak resident set size in MB. */
  public static double peakRssMb() {
    return field("VmHWM:");
  }

  private static double field(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(name)) {
          String[] parts = line.substring(name.length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
