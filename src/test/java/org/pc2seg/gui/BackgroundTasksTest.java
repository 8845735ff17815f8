package org.pc2seg.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Quiet background work runs until the window closes, and is dropped (not thrown) after. */
class BackgroundTasksTest {
  @Test
  void workAfterShutdownIsDroppedQuietly() throws Exception {
    BackgroundTasks tasks = new BackgroundTasks();
    CountDownLatch ran = new CountDownLatch(1);
    tasks.execute(ran::countDown);
    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();

    tasks.shutdown();
    AtomicBoolean late = new AtomicBoolean();
    tasks.execute(() -> late.set(true)); // a run ending while the window closes
    Thread.sleep(100);
    assertThat(late).isFalse();
  }
}
