package org.pc2seg.ml.train;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Structure;

/**
 * glibc's malloc, which holds libtorch's CPU tensors, tuned for a long training run.
 *
 * <p>Tensors are allocated and freed by several threads (the training thread, the engine's intra-op
 * workers, the batch prefetcher), so glibc gives each its own 64 MB arena and keeps the memory
 * freed inside them for reuse. Over a run, fragments of freed memory accumulate there and resident
 * memory creeps upward although the tensors in use do not grow. {@link #limitArenas} caps the
 * number of arenas (call it before the engine starts threads) and {@link #trim} hands freed pages
 * back to the system. Both do nothing where glibc is absent (macOS, Windows, musl).
 */
public final class NativeMemory {
  private static final int M_ARENA_MAX = -8;
  private static final int M_MMAP_THRESHOLD = -3;

  /** The two glibc entry points used. */
  interface LibC extends Library {
    int mallopt(int param, int value);

    int malloc_trim(long pad);

    Mallinfo2.ByValue mallinfo2();
  }

  /** glibc's {@code struct mallinfo2} (2.33+): totals over all arenas, in bytes. */
  @Structure.FieldOrder({
    "arena",
    "ordblks",
    "smblks",
    "hblks",
    "hblkhd",
    "usmblks",
    "fsmblks",
    "uordblks",
    "fordblks",
    "keepcost"
  })
  public static class Mallinfo2 extends Structure {
    public long arena;
    public long ordblks;
    public long smblks;
    public long hblks;
    public long hblkhd;
    public long usmblks;
    public long fsmblks;
    public long uordblks;
    public long fordblks;
    public long keepcost;

    /** Returned by value. */
    public static class ByValue extends Mallinfo2 implements Structure.ByValue {}
  }

  /**
   * What malloc holds, in bytes: {@code inUse} by live allocations (arena chunks plus large blocks
   * mapped on their own), {@code free} kept inside the arenas for reuse. Resident memory that grows
   * while {@code inUse} stays flat is fragmentation; growing {@code inUse} is a leak.
   */
  public record Usage(long inUse, long free) {
    /** Megabytes, for printing. */
    public double inUseMb() {
      return inUse / 1048576.0;
    }

    /** Megabytes, for printing. */
    public double freeMb() {
      return free / 1048576.0;
    }
  }

  private static final LibC LIBC = load();

  private NativeMemory() {}

  private static LibC load() {
    try {
      if (!Platform.isLinux()) {
        return null;
      }
      LibC c = Native.load("c", LibC.class);
      c.malloc_trim(0); // probe: musl and others lack it
      return c;
    } catch (Throwable e) {
      return null;
    }
  }

  /** Whether the glibc controls are available here. */
  public static boolean available() {
    return LIBC != null;
  }

  /** Lets malloc use at most {@code arenas} arenas; returns whether it was applied. */
  public static boolean limitArenas(int arenas) {
    return LIBC != null && LIBC.mallopt(M_ARENA_MAX, arenas) == 1;
  }

  /**
   * Serves allocations of at least {@code bytes} with their own mapping, returned to the system
   * when freed (glibc otherwise raises this threshold as the program frees large blocks); returns
   * whether it was applied.
   */
  public static boolean mmapThreshold(int bytes) {
    return LIBC != null && LIBC.mallopt(M_MMAP_THRESHOLD, bytes) == 1;
  }

  /** malloc's current usage, or null where glibc (2.33 or later) is absent. */
  public static Usage usage() {
    if (LIBC == null) {
      return null;
    }
    try {
      Mallinfo2 m = LIBC.mallinfo2();
      return new Usage(m.uordblks + m.hblkhd, m.fordblks);
    } catch (UnsatisfiedLinkError e) {
      return null;
    }
  }

  /** Returns freed malloc memory to the system; returns whether any was released. */
  public static boolean trim() {
    return LIBC != null && LIBC.malloc_trim(0) == 1;
  }
}
