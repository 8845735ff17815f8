package org.pc2seg.cli;

import org.pc2seg.AppVersion;
import picocli.CommandLine;

/** {@code --version}: the app's version and what it runs on, for bug reports. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  /** The application version, or "dev" when run from an unfiltered build. */
  public static String version() {
    return AppVersion.app();
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "PC2Seg Studio " + version(),
      AppVersion.java(),
      "DJL " + AppVersion.djl() + ", PyTorch " + AppVersion.pytorch() + " (CPU libtorch bundled)"
    };
  }
}
