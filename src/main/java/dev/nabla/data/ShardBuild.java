package dev.nabla.data;

import dev.nabla.data.block.Block;
import dev.nabla.data.block.BlockBuilder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs one input partition's parsed rows into a {@link Shard} as they stream in: each kept row goes
 * straight into a {@link BlockBuilder} (never a partition of row objects), bad rows are counted and the first
 * ones kept, and in fail mode the partition stops at its first bad row (which the driver then reports with
 * its exact line).
 *
 * @param skip skip-mode: drop and count bad rows instead of stopping
 * @param numTargets 0 for classification (class labels), else the regression targets per row
 * @param byteScale the byte encoding's scale of the format (1; 255 for IDX)
 * @param roundToFloat store features as float32 (opt-in)
 * @param maxValues feature values per block
 * @param sparse add every row as sparse (sources that may mix dense and sparse rows, such as vector columns); each
 *     block is then stored dense or as CSR, whichever is smaller
 */
record ShardBuild(boolean skip, int numTargets, double byteScale, boolean roundToFloat, int maxValues, boolean sparse)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The shard of one partition's rows: one segment, {@code origin}, unless the rows say where each run of them
   * comes from ({@link Rows#segment}).
   */
  Shard build(Origin origin, Rows rows) {
    BlockBuilder builder = new BlockBuilder(numTargets, byteScale, roundToFloat, maxValues);
    List<Block> blocks = new ArrayList<>();
    List<Shard.Located> samples = new ArrayList<>();
    List<Shard.Segment> segments = new ArrayList<>();
    Origin current = null;
    long recordsBefore = 0;
    long kept = 0;
    long skipped = 0;
    BadRow failure = null;
    while (rows.hasNext()) {
      Parsed r = rows.next();
      Origin o = rows.segment() != null ? rows.segment() : origin;
      if (o != current) {
        if (current != null) {
          segments.add(new Shard.Segment(current, rows.records() - 1 - recordsBefore, kept));
          recordsBefore = rows.records() - 1;
        }
        current = o;
        kept = 0;
      }
      if (r instanceof ParsedRow row) {
        add(builder, row);
        kept++;
        if (builder.full()) {
          blocks.add(builder.build());
        }
      } else if (r instanceof BadRow b && (!skip || b.fatal())) {
        failure = b;
        break;
      } else {
        skipped++;
        if (samples.size() < LoadedData.MAX_SKIPPED_SAMPLES) {
          samples.add(new Shard.Located((BadRow) r, segments.size()));
        }
      }
    }
    if (current == null) {
      current = origin;
    }
    segments.add(new Shard.Segment(current, rows.records() - recordsBefore, kept));
    Block last = builder.build();
    if (last != null) {
      blocks.add(last);
    }
    return new Shard(blocks, segments, skipped, samples, failure, segments.size() - 1);
  }

  /** Indices 0, 1, 2, … for dense rows added as sparse; only ever replaced by a longer copy. */
  private static volatile int[] identity = new int[0];

  private static int[] identity(int n) {
    int[] id = identity;
    if (id.length < n) {
      id = java.util.stream.IntStream.range(0, Math.max(n, 2 * id.length)).toArray();
      identity = id;
    }
    return id;
  }

  private void add(BlockBuilder builder, ParsedRow row) {
    if (row.indices() == null && !sparse) {
      builder.addDense(row.values(), row.values().length);
    } else if (row.indices() == null) {
      builder.addSparse(identity(row.values().length), row.values(), row.values().length);
    } else {
      builder.addSparse(row.indices(), row.values(), row.indices().length);
    }
    if (numTargets == 0) {
      builder.label((int) row.target()[0]);
    } else {
      builder.targets(row.target());
    }
  }
}
