package org.pc2seg.ml.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies Java arrays into arrays that libtorch owns, through one reusable direct buffer per thread.
 *
 * <p>DJL's {@code NDManager.create(float[] ...)} allocates a fresh direct buffer per call, and
 * libtorch reads the array from it in place; the buffer is freed only when the garbage collector
 * finds it. A training step uploads about 3 MB that way (images, masks, sampled indices), so
 * freed-later native blocks pile up between collections, interleaved with libtorch's tensors in
 * malloc's arenas. Here the data goes through a per-thread staging buffer into a clone made by
 * libtorch: nothing is left for the collector, and autograd may keep the result as long as it
 * likes.
 */
public final class Upload {
  private static final ThreadLocal<ByteBuffer> STAGING = new ThreadLocal<>();

  /**
   * Largest staging buffer a thread keeps (64 MiB, a 2,300² image): a bigger upload, rare, gets a
   * one-off buffer so that one huge image does not pin its size for the thread's lifetime.
   */
  static final int KEEP_AT_MOST = 64 << 20;

  private Upload() {}

  /** A float32 array of the given shape holding {@code data}. */
  public static NDArray floats(NDManager m, float[] data, Shape shape) {
    ByteBuffer b = staging(data.length * 4L);
    b.asFloatBuffer().put(data);
    return copy(m, b, shape, DataType.FLOAT32);
  }

  /** An int32 array of the given shape holding {@code data}. */
  public static NDArray ints(NDManager m, int[] data, Shape shape) {
    ByteBuffer b = staging(data.length * 4L);
    b.asIntBuffer().put(data);
    return copy(m, b, shape, DataType.INT32);
  }

  /** An int64 array of the given shape holding {@code data}. */
  public static NDArray longs(NDManager m, long[] data, Shape shape) {
    ByteBuffer b = staging(data.length * 8L);
    b.asLongBuffer().put(data);
    return copy(m, b, shape, DataType.INT64);
  }

  /** A boolean array of the given shape holding {@code data}. */
  public static NDArray booleans(NDManager m, boolean[] data, Shape shape) {
    ByteBuffer b = staging(data.length);
    for (boolean v : data) {
      b.put((byte) (v ? 1 : 0));
    }
    b.rewind();
    return copy(m, b, shape, DataType.BOOLEAN);
  }

  private static NDArray copy(NDManager m, ByteBuffer b, Shape shape, DataType type) {
    if (shape.size() * type.getNumOfBytes() != b.remaining()) {
      throw new IllegalArgumentException(
          "shape " + shape + " does not match " + b.remaining() + " bytes of " + type);
    }
    try (NDArray view = m.create(b, shape, type)) {
      return view.duplicate();
    }
  }

  /** Capacity of this thread's kept staging buffer, 0 when it has none (for tests). */
  static int keptCapacity() {
    ByteBuffer b = STAGING.get();
    return b == null ? 0 : b.capacity();
  }

  /** This thread's staging buffer, at least {@code bytes} long, positioned at 0 with that limit. */
  private static ByteBuffer staging(long bytes) {
    int n = Math.toIntExact(bytes);
    ByteBuffer b = STAGING.get();
    if (b == null || b.capacity() < n) {
      b = ByteBuffer.allocateDirect(Math.max(n, 1 << 16)).order(ByteOrder.nativeOrder());
      if (n <= KEEP_AT_MOST) {
        STAGING.set(b);
      }
    }
    b.clear().limit(n);
    return b.slice().order(ByteOrder.nativeOrder());
  }
}
