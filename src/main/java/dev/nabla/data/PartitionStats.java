package dev.nabla.data;

import java.io.Serializable;
import java.util.List;

/**
 * What the counting pass learnt about one partition.
 *
 * @param partition the partition index
 * @param origin where the partition's records come from
 * @param records input records read (lines incl. blank ones, or rows); partial when {@code failure} is set
 * @param kept valid rows
 * @param skipped bad rows dropped (SKIP mode)
 * @param width the largest {@link ParsedRow#width()}
 * @param maxLabel the largest first target (the class label in classification), -1 when no rows
 * @param samples the first (up to 5) bad rows dropped
 * @param failure the bad row that stopped the partition (FAIL mode, or fatal), or null
 */
record PartitionStats(int partition, Origin origin, long records, long kept, long skipped, int width, double maxLabel,
    List<BadRow> samples, BadRow failure) implements Serializable {
  private static final long serialVersionUID = 1L;
}
