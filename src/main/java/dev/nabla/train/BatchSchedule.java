package dev.nabla.train;

import dev.nabla.nn.SplitMix;
import java.util.SplittableRandom;

/**
 * Which rows make up each step's mini-batch. Every row has a view index k, dense 0..N−1 in file order;
 * epoch e puts the rows in an order, position π_e(k), and with S = ⌈N/m⌉ steps per epoch step s takes the
 * rows at positions [⌊sN/S⌋, ⌊(s+1)N/S⌋). So every batch has ⌊N/S⌋ or ⌈N/S⌉ rows, never more than m,
 * every row is used once per epoch, and the batch does not depend on how rows are partitioned: 1 or 7
 * partitions see the same batches.
 *
 * <p>The order is a shuffle through a window, friendly to data that lives on disk: the rows are cut into
 * chunks of R consecutive view indices; each epoch shuffles the chunks (seeded) and takes them
 * {@value #CHUNKS_PER_WINDOW} at a time as windows; window w's rows fill positions
 * [start_w, start_w + n_w) in a seeded pseudorandom order of their own (a {@link Feistel} permutation of
 * their ranks). A task therefore needs only one window's rows at a time (two at a step that straddles a
 * window's end), and reads each of its blocks once per epoch. R is chosen so that a window holds at most
 * max({@code windowRows}, 2m) rows (so a step spans at most two windows); when all N rows fit in one window the order is one permutation of all rows,
 * π_e(k) = Feistel_e(k). Everything depends only on (N, m, windowRows, seed, e).
 */
public final class BatchSchedule implements java.io.Serializable {
  private static final long serialVersionUID = 2L;
  /** Chunks per window: how many places of the data one window mixes. */
  static final int CHUNKS_PER_WINDOW = 16;

  private final long n;
  private final int batchSize;
  private final long seed;
  private final long chunkRows;
  private final int chunks;
  private final Feistel whole;
  private transient volatile Epoch cached;

  /** One window of all rows: a permutation of 0..N−1 per epoch. */
  public BatchSchedule(long n, int batchSize, long seed) {
    this(n, batchSize, seed, n);
  }

  /**
   * @param n the number of training rows N (≥ 1)
   * @param batchSize m (≥ 1)
   * @param seed the run's seed
   * @param windowRows the most rows one window holds (≥ 1; ≥ N: one window)
   */
  public BatchSchedule(long n, int batchSize, long seed, long windowRows) {
    if (n < 1) {
      throw new IllegalArgumentException("no training rows");
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("at most 2^31 − 1 training rows are supported, got " + n);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
    }
    if (windowRows < 1) {
      throw new IllegalArgumentException("a window must hold at least one row, got " + windowRows);
    }
    this.n = n;
    this.batchSize = batchSize;
    this.seed = seed;
    this.whole = new Feistel(n, seed);
    windowRows = Math.max(windowRows, 2L * batchSize); // a step then spans at most two windows
    if (windowRows >= n) {
      this.chunkRows = n;
      this.chunks = 1;
    } else {
      this.chunkRows = Math.max(1, windowRows / CHUNKS_PER_WINDOW);
      this.chunks = (int) ((n + chunkRows - 1) / chunkRows);
    }
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

  /** Windows per epoch (1 when all rows fit in one). */
  public int windows() {
    return (chunks + CHUNKS_PER_WINDOW - 1) / CHUNKS_PER_WINDOW;
  }

  /** π_epoch(k): the position of view index k in the epoch's order. */
  public long position(int epoch, long k) {
    if (chunks == 1) {
      return whole.permute(epoch, k);
    }
    return epoch(epoch).position(k);
  }

  /** The window (0-based) of view index k in the epoch. */
  public int windowOf(int epoch, long k) {
    return chunks == 1 ? 0 : epoch(epoch).windowOfChunk[(int) (k / chunkRows)];
  }

  /** The window holding a position. */
  public int windowOfPosition(int epoch, long position) {
    if (chunks == 1) {
      return 0;
    }
    long[] start = epoch(epoch).windowStart;
    int w = java.util.Arrays.binarySearch(start, position);
    return w >= 0 ? w : -w - 2;
  }

  /** The step (0-based) of the epoch in which a row is used. */
  public int stepOf(int epoch, long k) {
    return stepOfPosition(position(epoch, k));
  }

  /** The step whose range [⌊sN/S⌋, ⌊(s+1)N/S⌋) holds a position: ⌊((pos + 1)·S − 1) / N⌋. */
  public int stepOfPosition(long position) {
    return (int) (((position + 1) * stepsPerEpoch() - 1) / n);
  }

  /** The first position of step s (s = S gives N). */
  public long stepStart(int s) {
    return (long) s * n / stepsPerEpoch();
  }

  private Epoch epoch(int e) {
    Epoch c = cached;
    if (c == null || c.epoch != e) {
      c = new Epoch(e);
      cached = c;
    }
    return c;
  }

  /** One epoch's chunk order and windows. */
  private final class Epoch {
    final int epoch;
    final int[] windowOfChunk;
    /** Position of each window's first row; one more entry: N. */
    final long[] windowStart;
    /** Each chunk's first rank among its window's rows (the window's chunks in view order). */
    final long[] chunkOffset;
    final Feistel[] windowOrder;

    Epoch(int e) {
      this.epoch = e;
      int[] order = new int[chunks];
      for (int c = 0; c < chunks; c++) {
        order[c] = c;
      }
      SplittableRandom rng = new SplittableRandom(SplitMix.mix(seed * SplitMix.GAMMA + e) ^ 0x5EEDC4A2L);
      for (int i = chunks - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      int windows = windows();
      this.windowOfChunk = new int[chunks];
      this.windowStart = new long[windows + 1];
      this.chunkOffset = new long[chunks];
      this.windowOrder = new Feistel[windows];
      long start = 0;
      for (int w = 0; w < windows; w++) {
        int from = w * CHUNKS_PER_WINDOW;
        int to = Math.min(chunks, from + CHUNKS_PER_WINDOW);
        int[] mine = java.util.Arrays.copyOfRange(order, from, to);
        java.util.Arrays.sort(mine);
        long size = 0;
        for (int c : mine) {
          windowOfChunk[c] = w;
          chunkOffset[c] = size;
          size += rowsOf(c);
        }
        windowStart[w] = start;
        windowOrder[w] = new Feistel(size, SplitMix.mix(seed + SplitMix.GAMMA * (w + 1)));
        start += size;
      }
      windowStart[windows] = start;
    }

    long position(long k) {
      int c = (int) (k / chunkRows);
      int w = windowOfChunk[c];
      return windowStart[w] + windowOrder[w].permute(epoch, chunkOffset[c] + k - c * chunkRows);
    }
  }

  private long rowsOf(int chunk) {
    return Math.min(chunkRows, n - chunk * chunkRows);
  }
}
