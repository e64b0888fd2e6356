package dev.nabla.data;

import dev.nabla.nn.SplitMix;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/** Seeded, partition-independent splits and re-partitioning of examples; all deterministic. */
public final class Splits {
  private Splits() {
  }

  /**
   * The examples whose seeded hash of the global index falls below {@code fraction} ({@code holdOut}
   * true) or at or above it (false), re-indexed densely 0..n−1 in their original order.
   */
  public static JavaRDD<Example> split(JavaRDD<Example> examples, double fraction, long seed, boolean holdOut) {
    JavaRDD<Example> part = examples.filter(e -> (unit(seed, e.index()) < fraction) == holdOut);
    return part.zipWithIndex().map(t -> new Example(t._2(), t._1().features(), t._1().target()));
  }

  /**
   * The same examples in {@code partitions} partitions: example i goes to partition i mod P, sorted by
   * index within it (unchanged when the count already matches).
   */
  public static JavaRDD<Example> repartition(JavaRDD<Example> examples, int partitions) {
    if (examples.getNumPartitions() == partitions) {
      return examples;
    }
    return examples.mapToPair(e -> new Tuple2<>(e.index(), e))
        .repartitionAndSortWithinPartitions(new HashPartitioner(partitions))
        .values();
  }

  /** A uniform number in [0, 1) from a seed and an index (SplitMix64). */
  static double unit(long seed, long index) {
    return (SplitMix.mix(seed + SplitMix.GAMMA * (index + 1)) >>> 11) * 0x1.0p-53;
  }
}
