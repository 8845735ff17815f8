package org.pc2seg.ml.tensor;

/** Runs test code on a new thread, one that libtorch has not seen, and rethrows what it threw. */
public final class FreshThread {

  /** Code that may throw. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  private FreshThread() {}

  /** Runs {@code body} on a new thread and waits for it; its failure is rethrown here. */
  public static void run(Body body) throws Exception {
    Throwable[] failure = new Throwable[1];
    Thread t =
        new Thread(
            () -> {
              try {
                body.run();
              } catch (Throwable e) {
                failure[0] = e;
              }
            });
    t.start();
    t.join();
    if (failure[0] instanceof Exception e) {
      throw e;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
  }
}
