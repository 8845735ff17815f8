package org.pc2seg.ml.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Uploads hold their data, own it (a later upload through the same buffer leaves them alone). */
class UploadTest {

  @Test
  void eachTypeRoundTripsWithItsShapeAndType() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray f = Upload.floats(m, new float[] {1.5f, -2f, 3f, 4f, 5f, 6f}, new Shape(2, 3));
      NDArray i = Upload.ints(m, new int[] {7, -8, 9}, new Shape(3));
      NDArray l = Upload.longs(m, new long[] {1L << 40, -3}, new Shape(2, 1));
      NDArray b = Upload.booleans(m, new boolean[] {true, false, true}, new Shape(3));
      assertThat(f.getShape()).isEqualTo(new Shape(2, 3));
      assertThat(f.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(f.toFloatArray()).containsExactly(1.5f, -2f, 3f, 4f, 5f, 6f);
      assertThat(i.getDataType()).isEqualTo(DataType.INT32);
      assertThat(i.toIntArray()).containsExactly(7, -8, 9);
      assertThat(l.getShape()).isEqualTo(new Shape(2, 1));
      assertThat(l.toLongArray()).containsExactly(1L << 40, -3L);
      assertThat(b.getDataType()).isEqualTo(DataType.BOOLEAN);
      assertThat(b.toBooleanArray()).containsExactly(true, false, true);
    }
  }

  @Test
  void anUploadKeepsItsValuesWhenTheStagingBufferIsReused() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray first = Upload.floats(m, new float[] {1, 2, 3, 4}, new Shape(4));
      NDArray second = Upload.floats(m, new float[] {9, 9, 9, 9}, new Shape(4));
      NDArray big = Upload.floats(m, new float[100_000], new Shape(100_000)); // grows the buffer
      assertThat(first.toFloatArray()).containsExactly(1f, 2f, 3f, 4f);
      assertThat(second.toFloatArray()).containsExactly(9f, 9f, 9f, 9f);
      assertThat(big.sum().getFloat()).isZero();
    }
  }

  @Test
  void aHugeUploadGetsAOneOffBufferAndTheThreadKeepsItsSmallOne() throws Exception {
    Thread t =
        new Thread(
            () -> {
              try (NDManager m = NDManager.newBaseManager()) {
                Upload.floats(m, new float[1000], new Shape(1000));
                int small = Upload.keptCapacity();
                int n = Upload.KEEP_AT_MOST / 4 + 1; // one float more than the cap
                float[] huge = new float[n];
                huge[n - 1] = 5f;
                NDArray x = Upload.floats(m, huge, new Shape(n));
                assertThat(x.get(n - 1).getFloat()).isEqualTo(5f);
                assertThat(Upload.keptCapacity()).isEqualTo(small).isLessThan(Upload.KEEP_AT_MOST);
                NDArray y = Upload.floats(m, new float[] {3, 4}, new Shape(2));
                assertThat(y.toFloatArray()).containsExactly(3f, 4f);
              }
            });
    java.util.concurrent.atomic.AtomicReference<Throwable> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    t.setUncaughtExceptionHandler((th, e) -> failure.set(e));
    t.start();
    t.join();
    assertThat(failure.get()).isNull();
  }

  @Test
  void aShapeThatDoesNotMatchTheDataIsRefused() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> Upload.floats(m, new float[5], new Shape(2, 3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(2, 3)");
    }
  }
}
