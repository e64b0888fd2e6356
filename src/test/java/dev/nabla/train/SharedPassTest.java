package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The driver's element-wise passes shared with a lent thread: every index exactly once, whoever runs it. */
class SharedPassTest {
  /** A thread that runs what it is lent, as a polling stream task does between steps. */
  private static final class Helper implements AutoCloseable {
    final SynchronousQueue<Runnable> lent = new SynchronousQueue<>();
    final AtomicReference<Thread> ranOn = new AtomicReference<>();
    final Thread thread = new Thread(() -> {
      try {
        while (true) {
          Runnable r = lent.take();
          ranOn.set(Thread.currentThread());
          r.run();
        }
      } catch (InterruptedException e) {
        // closed
      }
    }, "helper");

    Helper() {
      thread.setDaemon(true);
      thread.start();
    }

    int lend(Runnable r) {
      try {
        return lent.offer(r, 1, TimeUnit.SECONDS) ? 1 : 0;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override public void close() {
      thread.interrupt();
    }
  }

  private static AtomicIntegerArray runs(SharedPass pass, int n) {
    AtomicIntegerArray runs = new AtomicIntegerArray(n);
    pass.run(n, (from, to) -> {
      for (int i = from; i < to; i++) {
        runs.incrementAndGet(i);
      }
    });
    return runs;
  }

  private static void assertEachOnce(AtomicIntegerArray runs) {
    for (int i = 0; i < runs.length(); i++) {
      assertEquals(1, runs.get(i), "index " + i);
    }
  }

  @Test
  void aLentThreadAndTheCallerTogetherRunEveryIndexOnce() {
    try (Helper h = new Helper()) {
      for (int n : new int[] {1, 6, 7, 8, 100, 1001}) {
        assertEachOnce(runs(new SharedPass(h::lend, 7), n));
      }
      // with 1001 indices in chunks of 7 the helper, lent the work before the caller starts, takes some
      assertTrue(h.ranOn.get() == h.thread);
    }
  }

  @Test
  void workNobodyTakesIsAllDoneByTheCaller() {
    assertEachOnce(runs(new SharedPass(r -> 0, 3), 50));
    assertEachOnce(runs(new SharedPass(r -> 1, 3), 50)); // said lent, never run
  }

  @Test
  void whatAChunkThrowsReachesTheCaller() {
    try (Helper h = new Helper()) {
      SharedPass pass = new SharedPass(h::lend, 4);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pass.run(40, (from, to) -> {
        if (from <= 17 && 17 < to) {
          throw new IllegalArgumentException("index 17");
        }
      }));
      assertEquals("index 17", e.getMessage());
    }
  }

  @Test
  void aChunkMustHoldAnIndex() {
    assertThrows(IllegalArgumentException.class, () -> new SharedPass(r -> 0, 0));
  }
}
