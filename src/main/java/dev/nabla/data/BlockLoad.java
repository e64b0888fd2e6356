package dev.nabla.data;

import dev.nabla.data.block.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;

/**
 * Loads shards in one pass over the input: caches them ({@code MEMORY_AND_DISK}), runs one job that computes
 * every shard inside its training partition's task (so a partition's shards are cached where it will run) and
 * returns only their summaries, then checks the input on the driver (the first bad row in file order fails the
 * load with its exact line, as the two-pass {@link Assembler} does), gives every segment its global index and
 * settles the data set's shape.
 */
final class BlockLoad {
  /** Sparse batches when fewer than this fraction of the features are non-zero (measured crossover, see docs). */
  static final double SPARSE_DENSITY = 0.05;

  private BlockLoad() {
  }

  /**
   * @param shards one {@link Shard} per input partition, not yet persisted
   * @param shape what the format knows before reading (0 features: infer from the widest row)
   * @param sparse null: sparse batches when the measured density is below {@link #SPARSE_DENSITY}; else forced
   */
  static BlockSet load(String name, JavaRDD<Shard> shards, Assembler.Shape shape, ReadOptions o, int partitions,
      Storage storage, Boolean sparse) {
    shards = shards.setName("nabla shards of " + name).persist(storage.level());
    int n = shards.getNumPartitions();
    ShardGroups loading = new ShardGroups(shards.rdd(), wholeShards(n, Math.min(partitions, n)));
    List<ShardSummary> summaries;
    try {
      summaries = new ArrayList<>(Assembler.collect(loading.toJavaRDD().mapPartitions(it -> {
        ShardGroup g = it.next();
        String executor = SparkEnv.get().executorId();
        List<ShardSummary> out = new ArrayList<>();
        for (int i = 0; i < g.slices(); i++) {
          out.add(ShardSummary.of(g.shardOf(i), g.load(i), executor));
        }
        return out.iterator();
      })));
    } catch (RuntimeException e) {
      shards.unpersist(false);
      throw e;
    }
    summaries.sort(Comparator.comparingInt(ShardSummary::shard));
    try {
      return settle(name, shards, summaries, shape, o, partitions, sparse);
    } catch (RuntimeException e) {
      shards.unpersist(false);
      throw e;
    }
  }

  private static BlockSet settle(String name, JavaRDD<Shard> shards, List<ShardSummary> summaries,
      Assembler.Shape shape, ReadOptions o, int partitions, Boolean sparse) {
    ShardReport.Result report = ShardReport.check(name, summaries);
    long rows = 0;
    long bytes = 0;
    long nonZeros = 0;
    int width = 0;
    int maxLabel = -1;
    Values.Encoding enc = Values.Encoding.U8;
    int[][] blockRows = new int[summaries.size()][];
    long[][] segmentRows = new long[summaries.size()][];
    for (ShardSummary s : summaries) {
      rows += s.rows();
      bytes += s.storedBytes();
      nonZeros += s.nonZeros();
      width = Math.max(width, s.width());
      maxLabel = Math.max(maxLabel, s.maxLabel());
      enc = s.encoding() == null ? enc : enc.max(s.encoding());
      blockRows[s.shard()] = s.blockRows();
      segmentRows[s.shard()] = s.segments().stream().mapToLong(Shard.Segment::kept).toArray();
    }
    int numFeatures = shape.numFeatures() > 0 ? shape.numFeatures() : width;
    if (numFeatures == 0) {
      throw new DataException(name + ": no feature values in any row; set numFeatures to the dimension");
    }
    int numTargets = !o.classification() ? shape.numTargets() : o.numClasses() > 0 ? o.numClasses() : maxLabel + 1;
    double density = (double) nonZeros / ((double) rows * numFeatures);
    boolean sparseBatches = sparse != null ? sparse : density < SPARSE_DENSITY;
    ShardGroups groups = new ShardGroups(shards.rdd(), summaries.size() >= partitions
        ? wholeShards(summaries.size(), partitions) : rowRanges(summaries, partitions, rows));
    Layout layout = new Layout(blockRows, report.first(), segmentRows, null);
    return new BlockSet(name, shards, groups, layout, numFeatures, numTargets, o.classification(), sparseBatches, rows,
        bytes, nonZeros, enc, report.skipped(), report.samples());
  }

  /** {@code groups} runs of consecutive whole shards, as even in count as can be. */
  static ShardGroups.Slice[][] wholeShards(int shards, int groups) {
    ShardGroups.Slice[][] out = new ShardGroups.Slice[groups][];
    for (int g = 0; g < groups; g++) {
      int from = (int) ((long) g * shards / groups);
      int to = (int) ((long) (g + 1) * shards / groups);
      out[g] = new ShardGroups.Slice[to - from];
      for (int s = from; s < to; s++) {
        out[g][s - from] = ShardGroups.Slice.whole(s);
      }
    }
    return out;
  }

  /**
   * Fewer shards than partitions (an unsplittable input, or a small one): {@code groups} even ranges of the rows of
   * all shards in shard order, cutting shards where needed (a shard read by two partitions is read twice).
   */
  static ShardGroups.Slice[][] rowRanges(List<ShardSummary> summaries, int groups, long rows) {
    int g = (int) Math.min(groups, Math.max(1, rows));
    ShardGroups.Slice[][] out = new ShardGroups.Slice[g][];
    for (int t = 0; t < g; t++) {
      long from = rows * t / g;
      long to = rows * (t + 1) / g;
      List<ShardGroups.Slice> slices = new ArrayList<>();
      long start = 0;
      for (ShardSummary s : summaries) {
        long end = start + s.rows();
        long a = Math.max(from, start);
        long b = Math.min(to, end);
        if (a < b) {
          slices.add(new ShardGroups.Slice(s.shard(), a - start, b - start));
        }
        start = end;
      }
      out[t] = slices.toArray(new ShardGroups.Slice[0]);
    }
    return out;
  }
}
