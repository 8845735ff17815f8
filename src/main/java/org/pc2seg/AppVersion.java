package org.pc2seg;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The versions Maven writes into {@code pc2seg-version.properties}: the app's, and those of the
 * JavaFX, DJL and bundled libtorch it was built with ("dev" from an unfiltered build).
 */
public final class AppVersion {
  private static final Properties PROPS = load();

  private AppVersion() {}

  public static String app() {
    return get("version");
  }

  public static String javafx() {
    return get("javafx");
  }

  public static String djl() {
    return get("djl");
  }

  public static String pytorch() {
    return get("pytorch");
  }

  /** "Java 17.0.15 (Debian)". */
  public static String java() {
    return "Java "
        + System.getProperty("java.version")
        + " ("
        + System.getProperty("java.vendor")
        + ")";
  }

  private static String get(String key) {
    String v = PROPS.getProperty(key, "dev");
    return v.startsWith("${") ? "dev" : v;
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = AppVersion.class.getResourceAsStream("/pc2seg-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // an unreadable resource reads as "dev"
    }
    return p;
  }
}
