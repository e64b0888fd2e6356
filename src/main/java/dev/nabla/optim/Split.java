package dev.nabla.optim;

/**
 * How an element-wise pass over the indices [0, n) runs: as ranges, on the calling thread alone ({@link #SERIAL}) or
 * shared with another thread that would otherwise wait. Each element's result depends on that element only, so every
 * split gives the same bits.
 */
@FunctionalInterface
public interface Split {
  /** The whole pass on the calling thread. */
  Split SERIAL = (n, body) -> body.run(0, n);

  /** Runs {@code body} over ranges that cover [0, n) exactly once; returns when all have run. */
  void run(int n, Range body);

  /** The pass over the indices [from, to). */
  @FunctionalInterface
  interface Range {
    void run(int from, int to);
  }
}
