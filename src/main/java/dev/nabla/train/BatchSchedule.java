package dev.nabla.train;

import dev.nabla.nn.SplitMix;

/**
 * Which rows make up each step's mini-batch: a seeded pseudorandom permutation π_e of the global row
 * indices 0..N−1 per epoch e; with S = ⌈N/m⌉ steps per epoch, step s takes the rows at positions
 * [⌊sN/S⌋, ⌊(s+1)N/S⌋) of it. So every batch has ⌊N/S⌋ or ⌈N/S⌉ rows, never more than m (no tiny
 * last batch that would take a full-size step on a handful of samples), every row is used once per
 * epoch, and the batch does not depend on how rows are partitioned: 1 or 7 partitions see the same
 * batches. π is evaluated per row in O(1) time and memory (a 4-round Feistel network on the smallest
 * even number of bits covering N, with cycle-walking back into [0, N)), so a partition needs no global
 * state to find its share: it buckets its own rows by step once per epoch (see {@link PartitionPlan}).
 */
public final class BatchSchedule implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final long n;
  private final int batchSize;
  private final long seed;
  private final int halfBits;
  private final long halfMask;

  /**
   * @param n the number of training rows N (≥ 1)
   * @param batchSize m (≥ 1)
   * @param seed the run's seed
   */
  public BatchSchedule(long n, int batchSize, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("no training rows");
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("at most 2^31 − 1 training rows are supported, got " + n);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
    }
    this.n = n;
    this.batchSize = batchSize;
    this.seed = seed;
    int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1));
    this.halfBits = (bits + 1) / 2;
    this.halfMask = (1L << halfBits) - 1;
  }

  public long rows() {
    return n;
  }

  public int batchSize() {
    return batchSize;
  }

  /** Steps per epoch, ⌈N/m⌉. */
  public int stepsPerEpoch() {
    return (int) ((n + batchSize - 1) / batchSize);
  }

  /** π_epoch(row): the position of a global row index in the epoch's order. */
  public long position(int epoch, long row) {
    long x = row;
    do {
      x = feistel(epoch, x);
    } while (x >= n);
    return x;
  }

  /** The step (0-based) of the epoch in which a row is used. */
  public int stepOf(int epoch, long row) {
    return stepOfPosition(position(epoch, row));
  }

  /** The step whose range [⌊sN/S⌋, ⌊(s+1)N/S⌋) holds a position: ⌊((pos + 1)·S − 1) / N⌋. */
  public int stepOfPosition(long position) {
    return (int) (((position + 1) * stepsPerEpoch() - 1) / n);
  }

  private long feistel(int epoch, long x) {
    long left = x >>> halfBits;
    long right = x & halfMask;
    for (int round = 0; round < 4; round++) {
      long next = left ^ (mix(seed, epoch, round, right) & halfMask);
      left = right;
      right = next;
    }
    return (left << halfBits) | right;
  }

  /** A 64-bit mixing function (SplitMix64's finaliser) of the seed, epoch, round and value. */
  private static long mix(long seed, int epoch, int round, long value) {
    return SplitMix.mix(seed * SplitMix.GAMMA + ((long) epoch << 32) + ((long) round << 56) + value);
  }
}
