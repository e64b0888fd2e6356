package dev.nabla.train;

import dev.nabla.nn.SplitMix;

/**
 * Poisson sampling, as the DP-SGD accountant assumes: in step t of epoch e every training row is in
 * the batch independently with probability q = m/N, decided by a hash of (seed, epoch, step, global
 * row index). So the batch size is random (mean m, binomial), a row can be in several steps of an
 * epoch or in none, and, as with {@link BatchSchedule}, the batches do not depend on the partitioning:
 * each partition decides for its own rows. An "epoch" is round(N/m) steps (at least 1), i.e. about N
 * samples. Deciding costs one hash per row of the partition per step (no data is read for rows left
 * out); only the chosen rows are gathered.
 */
public final class PoissonSampling implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final long n;
  private final int batchSize;
  private final long seed;
  private final double q;

  /**
   * @param n the number of training rows N (≥ 1)
   * @param batchSize the expected batch size m, 1 ≤ m ≤ N
   * @param seed the run's batch seed
   */
  public PoissonSampling(long n, int batchSize, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("no training rows");
    }
    if (batchSize < 1 || batchSize > n) {
      throw new IllegalArgumentException("batch-size must be in [1, " + n + "] (the number of training rows) with "
          + "Poisson sampling, got " + batchSize);
    }
    this.n = n;
    this.batchSize = batchSize;
    this.seed = seed;
    this.q = (double) batchSize / n;
  }

  /** Steps per epoch, round(N/m) (N/m rounded half up), at least 1. */
  public static int stepsPerEpoch(long n, int batchSize) {
    return (int) Math.max(1, Math.round((double) n / batchSize));
  }

  /** Steps per epoch of this sampling. */
  public int stepsPerEpoch() {
    return stepsPerEpoch(n, batchSize);
  }

  /** The sampling rate q = m/N. */
  public double rate() {
    return q;
  }

  /** The expected batch size m = qN, the divisor of the step's gradient SUM. */
  public int expectedBatchSize() {
    return batchSize;
  }

  /** Whether global row {@code row} is in step {@code step} (0-based) of epoch {@code epoch} (0-based). */
  public boolean inBatch(int epoch, int step, long row) {
    long h = SplitMix.mix(Seeds.forRow(Seeds.split(seed, step), epoch, row) + SplitMix.GAMMA);
    return (h >>> 11) * 0x1.0p-53 < q;
  }

  /**
   * Writes the local numbers of the partition's rows in the step into {@code out} (in local order) and
   * returns how many there are.
   */
  int select(long[] globalIndex, int rows, int epoch, int step, int[] out) {
    int c = 0;
    for (int r = 0; r < rows; r++) {
      if (inBatch(epoch, step, globalIndex[r])) {
        out[c++] = r;
      }
    }
    return c;
  }
}
