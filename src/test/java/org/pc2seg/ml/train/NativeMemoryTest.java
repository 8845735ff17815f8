package org.pc2seg.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import com.sun.jna.Platform;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The glibc controls are reachable, trimming gives freed malloc memory back to the system, and the
 * usage figures tell live from freed memory.
 */
class NativeMemoryTest {

  @Test
  void trimReturnsFreedMallocMemoryThatMallocKeptForReuse() {
    assumeTrue(Platform.isLinux(), "glibc malloc is Linux-only");
    assertThat(NativeMemory.available()).isTrue();
    // 160 MB in 100 KB blocks (below glibc's mmap threshold, so they come from an arena), touched
    List<Memory> blocks = new ArrayList<>();
    for (int i = 0; i < 1600; i++) {
      Memory m = new Memory(100 * 1024);
      m.setMemory(0, m.size(), (byte) 1);
      blocks.add(m);
    }
    // free all but the last: it pins the top of the heap, so malloc keeps the freed space
    for (int i = 0; i < blocks.size() - 1; i++) {
      blocks.get(i).close();
    }
    double before = residentMb();
    boolean released = NativeMemory.trim();
    double after = residentMb();
    blocks.get(blocks.size() - 1).close();
    assertThat(released).isTrue();
    assertThat(before - after).as("RSS %.0f → %.0f MB", before, after).isGreaterThan(100);
  }

  @Test
  void usageCountsLiveBlocksAsInUseAndFreedOnesAsFree() {
    assumeTrue(Platform.isLinux(), "glibc malloc is Linux-only");
    NativeMemory.Usage start = NativeMemory.usage();
    assertThat(start).isNotNull();
    List<Memory> blocks = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      blocks.add(new Memory(100 * 1024)); // 40 MB
    }
    NativeMemory.Usage live = NativeMemory.usage();
    for (int i = 0; i < blocks.size() - 1; i++) {
      blocks.get(i).close();
    }
    NativeMemory.Usage freed = NativeMemory.usage();
    blocks.get(blocks.size() - 1).close();
    assertThat(live.inUse() - start.inUse()).isGreaterThan(35L << 20);
    assertThat(live.inUse() - freed.inUse()).isGreaterThan(35L << 20);
    assertThat(freed.free() - live.free()).isGreaterThan(35L << 20);
  }

  private static double residentMb() {
    return org.pc2seg.ml.train.Memory.rssMb();
  }
}
