package dev.nabla.data;

import dev.nabla.data.block.Values;
import org.apache.spark.api.java.JavaRDD;

/**
 * A loaded data set, as training reads it: its rows packed into {@link Shard}s of bounded {@link
 * dev.nabla.data.block.Block}s, cached by Spark with a storage level that spills to local disk
 * ({@code MEMORY_AND_DISK}), and grouped into training partitions ({@link #groups()}); the driver holds only
 * this object: counts, statistics and the {@link Layout}, never rows.
 *
 * <p>A view ({@link #view}) is the same cached shards seen through a seeded hold-out filter, so a validation
 * fraction costs no second copy. {@link #release()} unpersists the shards (views share them: release once).
 */
public final class BlockSet {
  private final String name;
  private final JavaRDD<Shard> shards;
  private final ShardGroups groups;
  private final Layout layout;
  private final int numFeatures;
  private final int numTargets;
  private final boolean classification;
  private final boolean sparse;
  private final long storedRows;
  private final long storedBytes;
  private final long nonZeros;
  private final Values.Encoding encoding;
  private final long skipped;
  private final java.util.List<String> skippedSamples;

  BlockSet(String name, JavaRDD<Shard> shards, ShardGroups groups, Layout layout, int numFeatures, int numTargets,
      boolean classification, boolean sparse, long storedRows, long storedBytes, long nonZeros,
      Values.Encoding encoding, long skipped, java.util.List<String> skippedSamples) {
    this.name = name;
    this.shards = shards;
    this.groups = groups;
    this.layout = layout;
    this.numFeatures = numFeatures;
    this.numTargets = numTargets;
    this.classification = classification;
    this.sparse = sparse;
    this.storedRows = storedRows;
    this.storedBytes = storedBytes;
    this.nonZeros = nonZeros;
    this.encoding = encoding;
    this.skipped = skipped;
    this.skippedSamples = java.util.List.copyOf(skippedSamples);
  }

  /** Bad rows dropped while loading (skip mode). */
  public long skipped() {
    return skipped;
  }

  /** The messages of the first (up to 5) dropped rows, in file order. */
  public java.util.List<String> skippedSamples() {
    return skippedSamples;
  }

  /** The input's name, for messages. */
  public String name() {
    return name;
  }

  /** Rows in this view, N. */
  public long rows() {
    return layout.rows();
  }

  /** The training partitions: one {@link ShardGroup} each. */
  public JavaRDD<ShardGroup> groups() {
    return groups.toJavaRDD();
  }

  /**
   * Local mode: training partition {@code p}'s handle, as its task would get it, made on the driver without a Spark
   * job; it reads the shards through {@code context}, which must be a live task's of this JVM.
   */
  public ShardGroup group(int p, org.apache.spark.TaskContext context) {
    return groups.compute(groups.partitions()[p], context).next();
  }

  /** The number of training partitions. */
  public int partitions() {
    return groups.getNumPartitions();
  }

  /** Where every row is, for the tasks. */
  public Layout layout() {
    return layout;
  }

  /** The feature dimension n_0. */
  public int numFeatures() {
    return numFeatures;
  }

  /** Classification: the number of classes; regression: targets per row. */
  public int numTargets() {
    return numTargets;
  }

  /** Whether rows carry class labels. */
  public boolean classification() {
    return classification;
  }

  /** Whether batches are gathered as sparse columns (see {@link #density()}). */
  public boolean sparse() {
    return sparse;
  }

  /** Non-zero feature values / (rows × features), over all stored rows. */
  public double density() {
    return storedRows == 0 ? 0 : (double) nonZeros / ((double) storedRows * numFeatures);
  }

  /** Bytes the shards' blocks hold (memory when cached, or local disk when spilled). */
  public long storedBytes() {
    return storedBytes;
  }

  /** Rows stored (a view's rows plus the rows it filters out). */
  public long storedRows() {
    return storedRows;
  }

  /** Stored bytes per row, as measured at load. */
  public double bytesPerRow() {
    return storedRows == 0 ? 0 : (double) storedBytes / storedRows;
  }

  /**
   * The bytes one row takes in the data set's own precision, independent of how rows were split into blocks (so
   * of the partitioning): features × the widest encoding's bytes (sparse: non-zeros per row × (4 + those bytes)),
   * plus 4 for the label or the targets' bytes. What the shuffle window is measured in.
   */
  public double referenceBytesPerRow() {
    int value = encoding == null ? 8 : encoding.bytes;
    double features = sparse ? (double) nonZeros / Math.max(1, storedRows) * (4 + value) : (double) numFeatures * value;
    return features + (classification ? 4 : 8.0 * numTargets);
  }

  /** The widest feature encoding of any block: the data set's exact (or chosen) precision. */
  public Values.Encoding encoding() {
    return encoding;
  }

  /** The same shards seen through a seeded hold-out split (null: all rows). */
  public BlockSet view(Layout.RowFilter filter) {
    return new BlockSet(name, shards, groups, layout.view(filter), numFeatures, numTargets, classification, sparse,
        storedRows, storedBytes, nonZeros, encoding, skipped, skippedSamples);
  }

  /** The same with bad rows that were dropped before loading (IDX labels, checked on the driver). */
  BlockSet withSkipped(long rows, java.util.List<String> samples) {
    return new BlockSet(name, shards, groups, layout, numFeatures, numTargets, classification, sparse, storedRows,
        storedBytes, nonZeros, encoding, skipped + rows, samples);
  }

  /** The same data gathered into dense or sparse batches. */
  public BlockSet withSparse(boolean on) {
    return new BlockSet(name, shards, groups, layout, numFeatures, numTargets, classification, on, storedRows,
        storedBytes, nonZeros, encoding, skipped, skippedSamples);
  }

  /** The cached shards' RDD id, which keys per-partition executor state. */
  public int id() {
    return groups.id();
  }

  /**
   * One line on what the load stored: rows × bytes per row, the encoding, dense or sparse batches, and how much of it
   * Spark holds in memory and how much it spilled to local disk.
   */
  public String describe() {
    long memory = 0;
    long disk = 0;
    for (org.apache.spark.storage.RDDInfo info : shards.context().getRDDStorageInfo()) {
      if (info.id() == shards.id()) {
        memory = info.memSize();
        disk = info.diskSize();
      }
    }
    return String.format(java.util.Locale.ROOT, "%,d rows × %.0f bytes = %.1f MB stored (%s, %s, %d shards); "
        + "%.1f MB in memory, %.1f MB spilled to local disk", storedRows, bytesPerRow(), storedBytes / 1e6,
        encoding == null ? "no values" : encoding.name().toLowerCase(java.util.Locale.ROOT),
        sparse ? String.format(java.util.Locale.ROOT, "sparse, density %.2g", density()) : "dense",
        layout.shards(), memory / 1e6, disk / 1e6);
  }

  /** Drops the cached shards from memory and disk (every view of them too). */
  public void release() {
    shards.unpersist(false);
  }
}
