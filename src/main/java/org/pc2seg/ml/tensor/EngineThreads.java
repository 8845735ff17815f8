package org.pc2seg.ml.tensor;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's intra-op thread count for the work of the calling thread.
 *
 * <p>DJL applies {@code -Dai.djl.pytorch.num_threads} only when it loads libtorch, so a count put
 * there after anything has loaded the engine (a {@link NoGrad}, a prediction, an earlier run)
 * changes nothing, and libtorch keeps its default of one thread per core. In the app that meant a
 * run set to one training thread, to leave a core to the window, used both. This sets the count
 * through libtorch itself whether or not the engine was loaded: libtorch keeps it for the process
 * and threads that start work later take it up, while the calling thread takes it at once.
 *
 * <p>A count given on the command line ({@code -Dai.djl.pytorch.num_threads=N}, present before this
 * class is first used) still wins over the one asked for, as it did before.
 */
public final class EngineThreads {
  static final String PROPERTY = "ai.djl.pytorch.num_threads";
  private static final Integer GIVEN = Integer.getInteger(PROPERTY);

  private EngineThreads() {}

  /**
   * Loads libtorch if nothing has yet (offline, with the count as its initial one) and sets the
   * intra-op thread count for the calling thread and those that start work after it: {@code
   * threads}, or the count given on the command line.
   *
   * @param threads at least 1
   * @return the count in effect
   */
  public static int use(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    int n = GIVEN != null && GIVEN > 0 ? GIVEN : threads;
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, Integer.toString(n));
    }
    Engine.getEngine("PyTorch");
    if (JniUtils.getNumThreads() != n) {
      JniUtils.setNumThreads(n);
    }
    return n;
  }

  /** The intra-op thread count of the calling thread (loads libtorch if nothing has yet). */
  public static int current() {
    Engine.getEngine("PyTorch");
    return JniUtils.getNumThreads();
  }
}
