package dev.nabla.train;

import dev.nabla.data.ShardGroup;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Precision;
import dev.nabla.nn.Topology;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction2;

/**
 * One Spark job over ALL cached rows: each task runs forward/backward over every row of its partition,
 * in chunks of at most {@link #CHUNK} columns (so the workspace stays small whatever the partition
 * size), and returns the partition's gradient SUM, loss SUM and count; {@link OrderedSums} adds them in
 * partition-index order. This is one function evaluation of full-batch L-BFGS ({@link dev.nabla.train.lbfgs.LbfgsTrainer}).
 *
 * <p>Same cost discipline as {@link StepJob}: {@code runJob} with a named function class, parameters as
 * one broadcast {@code byte[]} decoded once per executor JVM ({@link ParamsCache}), results as
 * {@code byte[]}, and the executor buffers of {@link PartitionState} reused from pass to pass.
 */
public final class FullBatchJob implements AutoCloseable {
  /** The largest number of columns (rows) in one forward/backward batch on an executor. */
  public static final int CHUNK = 1024;

  private final JavaRDD<ShardGroup> data;
  private final Broadcast<DataView> view;
  private final Topology topology;
  private final int chunk;
  private final OrderedSums sums;
  private Broadcast<DataView> owned;

  /** The set's passes as one job each (its view broadcast here, destroyed by {@link #close}). */
  public static FullBatchJob of(TrainingSet set, Topology topology) {
    return of(set, topology, null);
  }

  /** As {@link #of(TrainingSet, Topology)}, on targets standardized by {@code targets} (null: as stored). */
  public static FullBatchJob of(TrainingSet set, Topology topology, TargetScaling targets) {
    org.apache.spark.api.java.JavaSparkContext sc =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(set.data().groups().context());
    Broadcast<DataView> view = sc.broadcast(set.view("full-batch-" + java.util.UUID.randomUUID(), targets));
    FullBatchJob job = new FullBatchJob(set.data().groups(), view, topology);
    job.owned = view;
    return job;
  }

  /**
   * The gradient SUM Σ_x ∇C_x, loss SUM Σ_x C_x and count over every row at {@code params} (broadcast for the pass,
   * then destroyed); not divided.
   */
  public GradientSum evaluate(double[] params) {
    org.apache.spark.api.java.JavaSparkContext sc =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(data.context());
    Broadcast<byte[]> bc = sc.broadcast(StepJob.encodeParams(params));
    try {
      return run(bc);
    } finally {
      bc.destroy();
    }
  }

  /** Destroys the view this job broadcast itself ({@link #of}). */
  @Override public void close() {
    ParamsCache.clear();
    if (owned != null) {
      PartitionState.release(owned.value().run());
      owned.destroy();
      owned = null;
    }
  }

  /** A job over {@code data}, in chunks of {@link #CHUNK} columns; the view's run keys the executor buffers. */
  FullBatchJob(JavaRDD<ShardGroup> data, Broadcast<DataView> view, Topology topology) {
    this(data, view, topology, CHUNK);
  }

  /** As above with another chunk size, 1 ≤ chunk ≤ {@link #CHUNK} (tests use small ones). */
  FullBatchJob(JavaRDD<ShardGroup> data, Broadcast<DataView> view, Topology topology, int chunk) {
    if (chunk < 1 || chunk > CHUNK) {
      throw new IllegalArgumentException("chunk must be an integer in [1, " + CHUNK + "], got " + chunk);
    }
    this.data = data;
    this.view = view;
    this.topology = topology;
    this.chunk = chunk;
    this.sums = new OrderedSums(data, topology.numParams(), Trainer.DEFAULT_TREE_FANOUT, false);
  }

  /**
   * The gradient SUM Σ_x ∇C_x, loss SUM Σ_x C_x and count over every row, at the broadcast parameters
   * (bytes of {@link StepJob#encodeParams}); not divided.
   */
  GradientSum run(Broadcast<byte[]> params) {
    return sums.run(new PartitionPass(params, view, topology, chunk));
  }

  /** The task: every row of one partition, as bytes {count, lossSum, gradient…} (empty if no rows). */
  private static final class PartitionPass
      extends AbstractFunction2<TaskContext, scala.collection.Iterator<ShardGroup>, byte[]>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final byte[] NOTHING = new byte[0];
    private final Broadcast<byte[]> params;
    private final Broadcast<DataView> view;
    private final Topology topology;
    private final int chunk;

    PartitionPass(Broadcast<byte[]> params, Broadcast<DataView> view, Topology topology, int chunk) {
      this.params = params;
      this.view = view;
      this.topology = topology;
      this.chunk = chunk;
    }

    @Override public byte[] apply(TaskContext context, scala.collection.Iterator<ShardGroup> it) {
      Iterator<ShardGroup> groups = CollectionConverters.asJava(it);
      PartitionState state = PartitionState.of(view.value(), context.partitionId(), topology, Precision.FLOAT64);
      GradientSum sum = state.nextSum();
      sum.clear();
      double[] w = ParamsCache.get(params, topology.numParams());
      FullPass pass = new FullPass(view.value(), chunk);
      while (groups.hasNext()) {
        pass.forEach(groups.next(), k -> true,
            (x, y, cols) -> state.network.addGradient(w, x, y, cols, state.workspace, sum));
      }
      return sum.count == 0 ? NOTHING : OrderedSums.encode(sum);
    }
  }
}
