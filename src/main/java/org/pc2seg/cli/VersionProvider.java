package org.pc2seg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version that Maven writes into {@code pc2seg-version.properties}. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  /** The application version, or "dev" when run from an unfiltered build. */
  public static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("/pc2seg-version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "PC2Seg Studio " + version(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
