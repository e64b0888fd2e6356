package dev.nabla.data;

import dev.nabla.nn.SplitMix;
import java.io.Serializable;

/**
 * Where every cached row sits, as the tasks need to know it (small: a few numbers per shard and block, no
 * per-row data): for each shard, its blocks' row counts and its segments' global indices; and the view
 * (all rows, or the rows of a seeded hold-out split) with each segment's first view index. A row's
 * <em>view index</em>, dense 0..{@link #rows()}−1 in global order, is what batches are drawn by.
 */
public final class Layout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[][] blockRows;
  private final long[][] segmentFirst;
  private final long[][] segmentRows;
  private final long[][] segmentViewFirst;
  private final RowFilter filter;
  private final long rows;

  /**
   * @param blockRows per shard, the rows of each block
   * @param segmentFirst per shard, the global index of each segment's first row
   * @param segmentRows per shard, each segment's rows
   * @param filter the view's rows, null for all
   */
  Layout(int[][] blockRows, long[][] segmentFirst, long[][] segmentRows, RowFilter filter) {
    this.blockRows = blockRows;
    this.segmentFirst = segmentFirst;
    this.segmentRows = segmentRows;
    this.filter = filter;
    this.segmentViewFirst = viewFirst(segmentFirst, segmentRows, filter);
    long n = 0;
    for (int s = 0; s < segmentRows.length; s++) {
      for (int g = 0; g < segmentRows[s].length; g++) {
        n += members(segmentFirst[s][g], segmentRows[s][g], filter);
      }
    }
    this.rows = n;
  }

  /** The same rows seen through {@code f} (null: all). */
  Layout view(RowFilter f) {
    return new Layout(blockRows, segmentFirst, segmentRows, f);
  }

  /**
   * The view's rows in chunks of consecutive view indices stored together (one per segment, in view order): what
   * the epoch's shuffle moves as a whole.
   */
  public long[] chunkRows() {
    java.util.List<long[]> segments = new java.util.ArrayList<>();
    for (int s = 0; s < segmentRows.length; s++) {
      for (int g = 0; g < segmentRows[s].length; g++) {
        segments.add(new long[] {segmentViewFirst[s][g], members(segmentFirst[s][g], segmentRows[s][g], filter)});
      }
    }
    segments.sort(java.util.Comparator.comparingLong(a -> a[0]));
    long[] out = new long[segments.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = segments.get(i)[1];
    }
    return out;
  }

  /** Rows in the view. */
  public long rows() {
    return rows;
  }

  /** Shards. */
  public int shards() {
    return blockRows.length;
  }

  /** Rows stored in shard s (view members or not). */
  public long shardRows(int s) {
    long n = 0;
    for (int r : blockRows[s]) {
      n += r;
    }
    return n;
  }

  /** Receives a shard's view members in storage order. */
  @FunctionalInterface
  public interface Members {
    /**
     * @param block the block's position in the shard
     * @param row the row within the block
     * @param view the row's view index
     */
    void accept(int block, int row, long view);
  }

  /**
   * Visits the view members among shard s's rows [from, to) (storage order; to may exceed the shard's rows), in
   * storage order: each with its block, its row in the block and its view index. O(to − from), no allocation.
   */
  public void forEachMember(int s, long from, long to, Members visitor) {
    int b = 0;
    long blockStart = 0;
    long row = 0;
    int[] blocks = blockRows[s];
    for (int g = 0; g < segmentRows[s].length; g++) {
      long first = segmentFirst[s][g];
      long view = segmentViewFirst[s][g];
      for (long k = 0; k < segmentRows[s][g]; k++, row++) {
        while (row - blockStart >= blocks[b]) {
          blockStart += blocks[b++];
        }
        boolean member = filter == null || filter.keeps(first + k);
        if (member && row >= from && row < to) {
          visitor.accept(b, (int) (row - blockStart), view);
        }
        if (member) {
          view++;
        }
      }
    }
  }

  /**
   * The smallest and largest view index of the members among shard s's rows [from, to), as {min, max}; max &lt;
   * min when it holds none. Without a filter O(segments), with one O(rows).
   */
  public long[] viewRange(int s, long from, long to) {
    long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
    forEachMember(s, from, to, (block, row, view) -> {
      range[0] = Math.min(range[0], view);
      range[1] = Math.max(range[1], view);
    });
    return range;
  }

  private static long[][] viewFirst(long[][] first, long[][] rows, RowFilter f) {
    // View indices follow global order: sort all segments by their global first index.
    int total = 0;
    for (long[] s : first) {
      total += s.length;
    }
    long[] keys = new long[total];
    int[][] at = new int[total][];
    int i = 0;
    for (int s = 0; s < first.length; s++) {
      for (int g = 0; g < first[s].length; g++) {
        keys[i] = first[s][g];
        at[i++] = new int[] {s, g};
      }
    }
    Integer[] order = new Integer[total];
    for (int k = 0; k < total; k++) {
      order[k] = k;
    }
    java.util.Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
    long[][] out = new long[first.length][];
    for (int s = 0; s < first.length; s++) {
      out[s] = new long[first[s].length];
    }
    long view = 0;
    for (int k : order) {
      int s = at[k][0];
      int g = at[k][1];
      out[s][g] = view;
      view += members(first[s][g], rows[s][g], f);
    }
    return out;
  }

  private static long members(long first, long rows, RowFilter f) {
    if (f == null) {
      return rows;
    }
    long n = 0;
    for (long i = first; i < first + rows; i++) {
      if (f.keeps(i)) {
        n++;
      }
    }
    return n;
  }

  /** The rows of a seeded hold-out split, by global index: those whose hash falls below the fraction, or the rest. */
  public record RowFilter(double fraction, long seed, boolean heldOut) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Whether the row with global index i is in the view. */
    public boolean keeps(long i) {
      return (unit(seed, i) < fraction) == heldOut;
    }

    /** A uniform number in [0, 1) from a seed and a global index (SplitMix64): the row's place in the split. */
    static double unit(long seed, long index) {
      return (SplitMix.mix(seed + SplitMix.GAMMA * (index + 1)) >>> 11) * 0x1.0p-53;
    }
  }
}
