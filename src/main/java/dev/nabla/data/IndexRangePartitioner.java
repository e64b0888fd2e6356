package dev.nabla.data;

import org.apache.spark.Partitioner;

/**
 * Sends global index i of {@code count} examples to partition floor(i · n / count): n contiguous ranges
 * of near-equal size, in index order.
 */
final class IndexRangePartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final int partitions;
  private final long count;

  IndexRangePartitioner(int partitions, long count) {
    if (partitions < 1 || count < partitions) {
      throw new IllegalArgumentException("need 1 <= partitions <= count; got " + partitions + " partitions for "
          + count + " examples");
    }
    this.partitions = partitions;
    this.count = count;
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  @Override
  public int getPartition(Object key) {
    long index = (Long) key;
    return (int) Math.min(partitions - 1, (long) ((double) index * partitions / count));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexRangePartitioner p && p.partitions == partitions && p.count == count;
  }

  @Override
  public int hashCode() {
    return 31 * partitions + Long.hashCode(count);
  }
}
