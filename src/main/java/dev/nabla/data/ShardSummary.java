package dev.nabla.data;

import dev.nabla.data.block.Block;
import dev.nabla.data.block.Values;
import java.io.Serializable;
import java.util.List;

/**
 * What the driver learns about a shard when it is first loaded: everything but its rows.
 *
 * @param shard the shard's partition index
 * @param blockRows rows per block, in order
 * @param width the largest row width (dense length, or largest feature index + 1)
 * @param maxLabel the largest class label, −1 without labels
 * @param nonZeros non-zero feature values
 * @param storedBytes bytes its blocks hold
 * @param encoding the widest feature encoding of its blocks (null without blocks)
 * @param executor the executor that loaded (and so caches) it
 */
record ShardSummary(int shard, List<Shard.Segment> segments, int[] blockRows, int width, int maxLabel, long nonZeros,
    long storedBytes, Values.Encoding encoding, long skipped, List<Shard.Located> samples, BadRow failure,
    int failureSegment, String executor) implements Serializable {
  private static final long serialVersionUID = 1L;

  static ShardSummary of(int shard, Shard s, String executor) {
    int[] rows = new int[s.blocks().size()];
    int width = 0;
    int maxLabel = -1;
    long[] nonZeros = {0};
    long bytes = 0;
    Values.Encoding enc = null;
    for (int i = 0; i < rows.length; i++) {
      Block b = s.blocks().get(i);
      rows[i] = b.rows();
      width = Math.max(width, b.width());
      maxLabel = Math.max(maxLabel, b.maxLabel());
      bytes += b.bytes();
      enc = enc == null ? b.encoding() : enc.max(b.encoding());
      for (int r = 0; r < b.rows(); r++) {
        b.forEachFeature(r, (j, v) -> {
          if (v != 0) {
            nonZeros[0]++;
          }
        });
      }
    }
    return new ShardSummary(shard, s.segments(), rows, width, maxLabel, nonZeros[0], bytes, enc, s.skipped(),
        s.samples(), s.failure(), s.failureSegment(), executor);
  }

  /** Rows kept. */
  long rows() {
    long n = 0;
    for (int r : blockRows) {
      n += r;
    }
    return n;
  }
}
