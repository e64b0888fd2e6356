package dev.nabla.data;

import java.util.List;
import org.apache.spark.Partition;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;

/**
 * A task's handle on its training partition ({@link ShardGroups}): which shard rows it holds, and a way to
 * read a shard from Spark's cache when the task needs it, through the task's context. Used only while that task
 * runs (in local mode also by the driver's threads, for a task that waits: {@link BlockSet#group}); holds no shard
 * itself, so the task decides what stays in memory.
 */
public final class ShardGroup {
  private final int index;
  private final ShardGroups.Slice[] slices;
  private final Partition[] partitions;
  private final RDD<Shard> shards;
  private final TaskContext context;

  ShardGroup(int index, ShardGroups.Slice[] slices, Partition[] partitions, RDD<Shard> shards, TaskContext context) {
    this.index = index;
    this.slices = slices;
    this.partitions = partitions;
    this.shards = shards;
    this.context = context;
  }

  /** The training partition's index. */
  public int index() {
    return index;
  }

  /** How many slices (shards or row ranges of shards) it holds. */
  public int slices() {
    return slices.length;
  }

  /** The shard (its partition index) of slice i. */
  public int shardOf(int i) {
    return slices[i].shard();
  }

  /** The first row of slice i within its shard. */
  public long from(int i) {
    return slices[i].from();
  }

  /** The end (exclusive) of slice i's rows within its shard; {@link Long#MAX_VALUE} for "to its end". */
  public long to(int i) {
    return slices[i].to();
  }

  /**
   * Reads the shard of slice i: from this executor's memory or disk, from another executor, or by computing it
   * from the input (and caching it here) when no copy is left.
   */
  public Shard load(int i) {
    scala.collection.Iterator<Shard> it = shards.iterator(partitions[i], context);
    Shard s = it.next();
    while (it.hasNext()) {
      it.next(); // one shard per partition; draining releases Spark's read lock on the block
    }
    return s;
  }

  /** The slices as a list, for the driver's bookkeeping in tests. */
  List<ShardGroups.Slice> sliceList() {
    return List.of(slices);
  }
}
