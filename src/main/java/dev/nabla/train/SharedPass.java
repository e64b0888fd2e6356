package dev.nabla.train;

import dev.nabla.optim.Split;
import dev.nabla.train.stream.TreeStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * A {@link Split} that shares a pass of the driver (the step's update, block by block; the validation's partitions)
 * with the local stream's task threads, which would otherwise only wait for the next step: the indices in chunks, taken
 * in turn from one counter by the driver and by every lent thread that picks the work up. The driver returns once
 * every chunk is done; a thread that never picks up leaves its chunks to the others. Each index's work is its own, so
 * the same bits as one pass.
 */
final class SharedPass implements Split {
  private final ToIntFunction<Runnable> lend;
  private final int chunk;

  /** Every index a chunk of its own, shared with the threads {@code lend} lends to ({@link TreeStream#lend}). */
  SharedPass(ToIntFunction<Runnable> lend) {
    this(lend, 1);
  }

  /**
   * @param lend lends a piece of work to the threads that may help (returns how many; they may never run it)
   * @param chunk indices per chunk, &gt; 0
   */
  SharedPass(ToIntFunction<Runnable> lend, int chunk) {
    if (chunk <= 0) {
      throw new IllegalArgumentException("chunk = " + chunk + ": must be > 0");
    }
    this.lend = lend;
    this.chunk = chunk;
  }

  @Override public void run(int n, Range body) {
    int chunks = (int) ((n + (long) chunk - 1) / chunk);
    if (chunks < 2) {
      body.run(0, n);
      return;
    }
    Work work = new Work(n, chunk, chunks, body);
    lend.applyAsInt(work);
    work.run();
    work.awaitDone();
  }

  /** The chunks of one pass, run by whichever threads take them. */
  private static final class Work implements Runnable {
    private final int n;
    private final int size;
    private final int chunks;
    private final Range body;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private volatile Throwable failure;

    Work(int n, int size, int chunks, Range body) {
      this.n = n;
      this.size = size;
      this.chunks = chunks;
      this.body = body;
    }

    @Override public void run() {
      for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
        try {
          body.run(c * size, (int) Math.min(n, (c + 1L) * size));
        } catch (Throwable t) {
          failure = t;
        } finally {
          done.incrementAndGet();
        }
      }
    }

    /** Waits for the chunks other threads took (at most one each in progress), then rethrows what any threw. */
    void awaitDone() {
      while (done.get() < chunks) {
        Thread.onSpinWait();
      }
      Throwable t = failure;
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
      if (t != null) {
        throw new IllegalStateException(t);
      }
    }
  }
}
