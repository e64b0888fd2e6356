package dev.nabla.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.NarrowDependency;
import org.apache.spark.Partition;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The training partitions over cached {@link Shard}s: partition t is a run of slices of consecutive shards
 * (whole shards, or row ranges of them when there are fewer shards than partitions), and computing it
 * yields one {@link ShardGroup}, a handle through which the task reads its shards when it needs them, in
 * any order, from Spark's cache: memory, local disk, another executor, or (after an executor was lost)
 * recomputed from the input. So a task holds only the shards it is working on, and a shard spilled to disk
 * is read as a whole, sequentially.
 *
 * <p>It depends narrowly on the shards ({@link NarrowDependency}), so Spark runs partition t where its
 * first shard is cached, and the job that first computes the groups caches each group's shards on the
 * executor that computed them.
 */
final class ShardGroups extends RDD<ShardGroup> {
  private static final long serialVersionUID = 1L;
  private static final ClassTag<ShardGroup> TAG = ClassTag$.MODULE$.apply(ShardGroup.class);

  private final Slice[][] groups;

  /**
   * A shard's rows [from, to) (to = {@link Long#MAX_VALUE}: to its end) in a group.
   *
   * @param shard the shard's partition index
   */
  record Slice(int shard, long from, long to) implements Serializable {
    private static final long serialVersionUID = 1L;

    static Slice whole(int shard) {
      return new Slice(shard, 0, Long.MAX_VALUE);
    }
  }

  /** @param groups per training partition, its slices in storage order */
  ShardGroups(RDD<Shard> shards, Slice[][] groups) {
    super(shards.context(), CollectionConverters.asScala(List.<org.apache.spark.Dependency<?>>of(
        new Parents(shards, groups))).toList(), TAG);
    this.groups = groups;
  }

  /**
   * Runs on the driver only: each group's partition carries its shards' partition objects, because an executor
   * cannot list the shards' partitions itself (an input RDD lists its splits from state only the driver has).
   */
  @Override public Partition[] getPartitions() {
    Partition[] shards = dependencies().head().rdd().partitions();
    Partition[] p = new Partition[groups.length];
    for (int i = 0; i < p.length; i++) {
      Partition[] mine = new Partition[groups[i].length];
      for (int k = 0; k < mine.length; k++) {
        mine[k] = shards[groups[i][k].shard()];
      }
      p[i] = new GroupPartition(i, mine);
    }
    return p;
  }

  @Override @SuppressWarnings("unchecked")
  public scala.collection.Iterator<ShardGroup> compute(Partition split, TaskContext context) {
    RDD<Shard> shards = (RDD<Shard>) dependencies().head().rdd();
    GroupPartition g = (GroupPartition) split;
    return CollectionConverters.asScala(List.of(new ShardGroup(g.index(), groups[g.index()], g.shards(), shards,
        context)).iterator());
  }

  /** The slices of every group. */
  Slice[][] groups() {
    return groups;
  }

  /** Group t reads the shards of its slices. */
  private static final class Parents extends NarrowDependency<Shard> {
    private static final long serialVersionUID = 1L;
    private final Slice[][] groups;

    Parents(RDD<Shard> shards, Slice[][] groups) {
      super(shards);
      this.groups = groups;
    }

    @Override public scala.collection.immutable.Seq<Object> getParents(int partitionId) {
      List<Object> out = new ArrayList<>();
      for (Slice s : groups[partitionId]) {
        out.add(s.shard());
      }
      return CollectionConverters.asScala(out).toList();
    }
  }

  /** A training partition and its shards' partition objects (in slice order). */
  private record GroupPartition(int index, Partition[] shards) implements Partition {
    private static final long serialVersionUID = 1L;
  }
}
