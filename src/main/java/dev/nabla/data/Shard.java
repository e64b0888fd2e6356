package dev.nabla.data;

import dev.nabla.data.block.Block;
import java.io.Serializable;
import java.util.List;

/**
 * What one input partition (a text split, a range of IDX items, a DataFrame partition) becomes when it is
 * loaded for training: its kept rows packed into bounded {@link Block}s, in input order, and what parsing
 * found. It is the unit Spark caches, spills to disk and recomputes from the input when an executor is
 * lost (one cached RDD partition each); its rows carry no index.
 *
 * <p>Its rows are one or more {@link Segment}s, runs of consecutive rows of one input file (a text split
 * is one segment; a Parquet partition may join splits of several files), in storage order. The driver
 * orders all segments by (file, start) to give every kept row its global index, dense 0..N−1 in file
 * order.
 *
 * @param blocks the kept rows, in order
 * @param segments the runs of rows the blocks hold, in the same order
 * @param skipped bad rows dropped (skip mode)
 * @param samples the first (up to 5) dropped bad rows, with their segment
 * @param failure the bad row that stopped the partition (fail mode, or fatal), or null
 * @param failureSegment the segment (index into {@code segments}) the failure belongs to
 */
public record Shard(List<Block> blocks, List<Segment> segments, long skipped, List<Located> samples, BadRow failure,
    int failureSegment) implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * A run of consecutive kept rows of one input file.
   *
   * @param origin the file (or source) and where in it the run starts: its rank in file order and the byte
   *     offset (text), item number (IDX), row index (Parquet) or partition index (DataFrame)
   * @param records input records read in the run (lines incl. blank ones, or rows): line numbers of bad rows
   *     are counted from it
   * @param kept rows kept, stored consecutively in the shard's blocks
   */
  public record Segment(Origin origin, long records, long kept) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** A bad row and the segment it was read in. */
  public record Located(BadRow row, int segment) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The rows kept, in all blocks. */
  public long rows() {
    long n = 0;
    for (Block b : blocks) {
      n += b.rows();
    }
    return n;
  }
}
