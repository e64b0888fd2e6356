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
 * <p>The order is a shuffle through windows, friendly to data that lives on disk. The rows come in chunks,
 * runs of consecutive view indices that are stored together (a shard's rows: an input split of fixed size,
 * whatever the partitioning). Each epoch shuffles the chunks (seeded) and packs them, in that order, into
 * windows of at least max({@code windowRows}, 2m) rows (the last may hold fewer); window w's rows fill
 * positions [start_w, start_w + n_w) in a seeded pseudorandom order of their own (a {@link Feistel}
 * permutation of their ranks). A task therefore reads each of its shards once per epoch and holds one
 * window's rows at a time (two at a step that straddles a window's end: a step spans at most two). When all
 * N rows fit in one window the order is one permutation of all rows, π_e(k) = Feistel_e(k), whatever the
 * chunks. Everything depends only on (N, m, the chunks, windowRows, seed, e).
 */
public final class BatchSchedule implements java.io.Serializable {
  private static final long serialVersionUID = 3L;

  private final long n;
  private final int batchSize;
  private final long seed;
  private final long windowRows;
  /** First view index of each chunk, one more entry: N (empty when all rows are one window). */
  private final long[] chunkStart;
  private final Feistel whole;
  private transient volatile Epoch cached;

  /** One window of all rows: a permutation of 0..N−1 per epoch. */
  public BatchSchedule(long n, int batchSize, long seed) {
    this(n, batchSize, seed, n, new long[] {n});
  }

  /**
   * @param n the number of training rows N (≥ 1)
   * @param batchSize m (≥ 1)
   * @param seed the run's seed
   * @param windowRows the fewest rows a window holds (below 2m: 2m); ≥ N: one window
   * @param chunkRows the rows of each chunk in view order (they add up to N; empty chunks are allowed)
   */
  public BatchSchedule(long n, int batchSize, long seed, long windowRows, long[] chunkRows) {
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
    long total = 0;
    for (long c : chunkRows) {
      if (c < 0) {
        throw new IllegalArgumentException("a chunk of " + c + " rows");
      }
      total += c;
    }
    if (total != n) {
      throw new IllegalArgumentException("chunks of " + total + " rows for " + n + " rows");
    }
    this.n = n;
    this.batchSize = batchSize;
    this.seed = seed;
    this.whole = new Feistel(n, seed);
    this.windowRows = Math.max(windowRows, 2L * batchSize); // a step then spans at most two windows
    if (this.windowRows >= n) {
      this.chunkStart = new long[0];
    } else {
      this.chunkStart = new long[chunkRows.length + 1];
      for (int c = 0; c < chunkRows.length; c++) {
        chunkStart[c + 1] = chunkStart[c] + chunkRows[c];
      }
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

  /** Windows in the epoch (1 when all rows fit in one). */
  public int windows(int epoch) {
    return chunkStart.length == 0 ? 1 : epoch(epoch).windowStart.length - 1;
  }

  /** π_epoch(k): the position of view index k in the epoch's order. */
  public long position(int epoch, long k) {
    if (chunkStart.length == 0) {
      return whole.permute(epoch, k);
    }
    return epoch(epoch).position(chunkOf(k), k);
  }

  /** The window (0-based) of view index k in the epoch. */
  public int windowOf(int epoch, long k) {
    return chunkStart.length == 0 ? 0 : epoch(epoch).windowOfChunk[chunkOf(k)];
  }

  /** The window holding a position. */
  public int windowOfPosition(int epoch, long position) {
    if (chunkStart.length == 0) {
      return 0;
    }
    long[] start = epoch(epoch).windowStart;
    int w = java.util.Arrays.binarySearch(start, position);
    if (w >= 0) {
      while (w + 1 < start.length && start[w + 1] == position) {
        w++; // skip windows without rows
      }
      return w;
    }
    return -w - 2;
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

  /** The chunk holding view index k. */
  private int chunkOf(long k) {
    int c = java.util.Arrays.binarySearch(chunkStart, k);
    if (c >= 0) {
      while (c + 1 < chunkStart.length && chunkStart[c + 1] == k) {
        c++; // skip empty chunks
      }
      return c;
    }
    return -c - 2;
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
      int chunks = chunkStart.length - 1;
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
      java.util.List<int[]> windows = new java.util.ArrayList<>();
      int from = 0;
      long rows = 0;
      for (int i = 0; i < chunks; i++) {
        rows += rowsOf(order[i]);
        if (rows >= windowRows || i == chunks - 1) {
          windows.add(java.util.Arrays.copyOfRange(order, from, i + 1));
          from = i + 1;
          rows = 0;
        }
      }
      this.windowOfChunk = new int[chunks];
      this.windowStart = new long[windows.size() + 1];
      this.chunkOffset = new long[chunks];
      this.windowOrder = new Feistel[windows.size()];
      long start = 0;
      for (int w = 0; w < windows.size(); w++) {
        int[] mine = windows.get(w);
        java.util.Arrays.sort(mine);
        long size = 0;
        for (int c : mine) {
          windowOfChunk[c] = w;
          chunkOffset[c] = size;
          size += rowsOf(c);
        }
        windowStart[w] = start;
        windowOrder[w] = size == 0 ? null : new Feistel(size, SplitMix.mix(seed + SplitMix.GAMMA * (w + 1)));
        start += size;
      }
      windowStart[windows.size()] = start;
    }

    long position(int c, long k) {
      int w = windowOfChunk[c];
      return windowStart[w] + windowOrder[w].permute(epoch, chunkOffset[c] + k - chunkStart[c]);
    }
  }

  private long rowsOf(int chunk) {
    return chunkStart[chunk + 1] - chunkStart[chunk];
  }
}
