package dev.nabla.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Turns a {@link RowSource} into {@link LoadedData} in two passes over the input.
 *
 * <ol>
 *   <li>Counting pass (run here): per partition, the records read, the rows kept and skipped, the
 *       largest feature index and label, and the bad rows. A partition stops at its first bad row in FAIL
 *       mode. On the driver the partitions are put in file order (file rank, then split offset); the first
 *       bad row in that order fails the read with its exact line (all partitions before it were read in
 *       full, so their line counts are known). Skipped rows are counted from these per-partition results,
 *       which Spark returns exactly once per partition (an accumulator updated in a transformation could
 *       count a retried task twice).</li>
 *   <li>Example pass (lazy, returned): parses again and gives the k-th kept row of partition p the index
 *       (kept rows of all partitions before p in file order) + k. A partition that yields a different
 *       number of rows than counted means the input changed between the passes and fails.</li>
 * </ol>
 */
final class Assembler {
  private Assembler() {}

  /**
   * What the format knows before reading rows.
   *
   * @param numFeatures the dimension, or 0 to take the largest row width seen
   * @param numTargets the regression target count (ignored for classification, which counts classes)
   */
  record Shape(int numFeatures, int numTargets) {}

  static LoadedData assemble(RowSource source, Shape shape, ReadOptions o, int minPartitions) {
    boolean skip = o.onBadRow() == OnBadRow.SKIP;
    List<PartitionStats> stats = collect(source.mapPartitions(countPass(skip)));
    int n = stats.size();
    long[] base = new long[n];
    long[] offset = new long[n];
    long[] kept = new long[n];
    long total = 0;
    long skipped = 0;
    long groupRecords = 0;
    int width = 0;
    double maxLabel = -1;
    List<String> samples = new ArrayList<>();
    PartitionStats previous = null;
    List<PartitionStats> ordered = new ArrayList<>(stats);
    ordered.sort(Comparator.comparingInt((PartitionStats s) -> s.origin().rank()).thenComparingLong(s -> s.origin().start()));
    for (PartitionStats s : ordered) {
      if (previous == null || previous.origin().rank() != s.origin().rank()) {
        groupRecords = 0;
      }
      int p = s.partition();
      base[p] = groupRecords;
      groupRecords += s.records();
      if (s.failure() != null) {
        throw new DataException(s.failure().message(locate(s.failure(), s.origin(), base[p])));
      }
      for (BadRow b : s.samples()) {
        if (samples.size() < LoadedData.MAX_SKIPPED_SAMPLES) {
          samples.add(b.message(locate(b, s.origin(), base[p])));
        }
      }
      offset[p] = total;
      kept[p] = s.kept();
      total += s.kept();
      skipped += s.skipped();
      width = Math.max(width, s.width());
      maxLabel = Math.max(maxLabel, s.maxLabel());
      previous = s;
    }
    if (total == 0) {
      throw new DataException(skipped == 0 ? source.name() + ": no examples (empty file?)"
          : source.name() + ": no examples: all " + skipped + " rows were bad, the first: " + samples.get(0));
    }
    int numFeatures = shape.numFeatures() > 0 ? shape.numFeatures() : width;
    if (numFeatures == 0) {
      throw new DataException(source.name() + ": no feature values in any row; set numFeatures to the dimension");
    }
    int numTargets = !o.classification() ? shape.numTargets() : o.numClasses() > 0 ? o.numClasses() : (int) maxLabel + 1;
    JavaRDD<Example> examples = source.mapPartitions(examplePass(skip, numFeatures, offset, kept, base));
    examples = ensurePartitions(examples, minPartitions, total).setName("nabla examples of " + source.name());
    return new LoadedData(examples, numFeatures, numTargets, total, skipped, samples);
  }

  /** Collects {@code rdd}, rethrowing a {@link DataException} raised in a task as itself. */
  static <T> List<T> collect(JavaRDD<T> rdd) {
    try {
      return rdd.collect();
    } catch (Exception e) { // SparkException reaches Java unchecked, through Scala
      Optional<DataException> d = DataException.find(e);
      if (d.isPresent()) {
        throw d.get();
      }
      throw e;
    }
  }

  private static String locate(BadRow b, Origin origin, long base) {
    return b.where() != null ? b.where() : origin.locate(base + b.record());
  }

  private static RowSource.PartitionFunction<PartitionStats> countPass(boolean skip) {
    return (p, origin, rows) -> {
      long kept = 0;
      long skipped = 0;
      int width = 0;
      double maxLabel = -1;
      List<BadRow> samples = new ArrayList<>();
      BadRow failure = null;
      while (rows.hasNext()) {
        Parsed r = rows.next();
        if (r instanceof ParsedRow row) {
          kept++;
          width = Math.max(width, row.width());
          maxLabel = row.target().length > 0 ? Math.max(maxLabel, row.target()[0]) : maxLabel;
        } else if (r instanceof BadRow b && (!skip || b.fatal())) {
          failure = b;
          break;
        } else {
          skipped++;
          if (samples.size() < LoadedData.MAX_SKIPPED_SAMPLES) {
            samples.add((BadRow) r);
          }
        }
      }
      return List.of(new PartitionStats(p, origin, rows.records(), kept, skipped, width, maxLabel, samples, failure))
          .iterator();
    };
  }

  private static RowSource.PartitionFunction<Example> examplePass(boolean skip, int numFeatures, long[] offset,
      long[] kept, long[] base) {
    return (p, origin, rows) -> new Iterator<Example>() {
      private long k;
      private Example next;

      @Override
      public boolean hasNext() {
        while (next == null && rows.hasNext()) {
          Parsed r = rows.next();
          if (r instanceof ParsedRow row) {
            if (k == kept[p]) {
              throw changed(origin, k + 1, kept[p]);
            }
            next = new Example(offset[p] + k++, row.denseFeatures(numFeatures), row.target());
          } else if (r instanceof BadRow b && (!skip || b.fatal())) {
            throw new DataException(b.message(locate(b, origin, base[p]))
                + " (the row passed when first read: did the input change meanwhile?)");
          }
        }
        if (next == null && k != kept[p]) {
          throw changed(origin, k, kept[p]);
        }
        return next != null;
      }

      @Override
      public Example next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Example e = next;
        next = null;
        return e;
      }
    };
  }

  private static DataException changed(Origin origin, long got, long counted) {
    return new DataException(origin.name() + ": the input changed while it was read (partition from "
        + origin.start() + " gave " + got + " rows, " + counted + " when counted); read it again once it is stable");
  }

  /**
   * {@code examples} itself when it has at least {@code minPartitions} partitions (or as many as there
   * are examples); else the same examples redistributed into contiguous index ranges, sorted by index.
   */
  static JavaRDD<Example> ensurePartitions(JavaRDD<Example> examples, int minPartitions, long count) {
    int n = (int) Math.min(minPartitions, count);
    if (examples.getNumPartitions() >= n) {
      return examples;
    }
    return examples.mapToPair(e -> new Tuple2<>(e.index(), e))
        .repartitionAndSortWithinPartitions(new IndexRangePartitioner(n, count))
        .values();
  }
}
