/**
 * Run by .ci/installer-check with the app image's own trimmed runtime and class path: loads the
 * bundled offline CPU libtorch through DJL and checks one tensor result, so a module missing from
 * the jlink list (or a libtorch that cannot load) fails the check.
 */
public final class DjlSmoke {
  public static void main(String[] args) {
    System.setProperty("ai.djl.offline", "true");
    ai.djl.engine.Engine engine = ai.djl.engine.Engine.getEngine("PyTorch");
    try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
      float sum = m.arange(10f).sum().getFloat();
      System.out.println(
          "DJL engine " + engine.getEngineName() + " " + engine.getVersion() + ", sum(0..9)=" + sum);
      if (sum != 45f) {
        System.exit(1);
      }
    }
  }
}
