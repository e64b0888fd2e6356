package dev.nabla.train;

import dev.nabla.data.PackedPartition;
import dev.nabla.nn.GradientSum;
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
 * partition-index order. This is one function evaluation of full-batch L-BFGS ({@link LbfgsTrainer}).
 *
 * <p>Same cost discipline as {@link StepJob}: {@code runJob} with a named function class, parameters as
 * one broadcast {@code byte[]} decoded once per executor JVM ({@link ParamsCache}), results as
 * {@code byte[]}, and the executor buffers of {@link PartitionState} reused from pass to pass.
 */
final class FullBatchJob {
  /** The largest number of columns (rows) in one forward/backward batch on an executor. */
  static final int CHUNK = 1024;

  private final JavaRDD<PackedPartition> data;
  private final Topology topology;
  private final String runId;
  private final int chunk;
  private final OrderedSums sums;

  /** A job over {@code data}, in chunks of {@link #CHUNK} columns; {@code runId} keys the executor buffers. */
  FullBatchJob(JavaRDD<PackedPartition> data, Topology topology, String runId) {
    this(data, topology, runId, CHUNK);
  }

  /** As above with another chunk size, 1 ≤ chunk ≤ {@link #CHUNK} (tests use small ones). */
  FullBatchJob(JavaRDD<PackedPartition> data, Topology topology, String runId, int chunk) {
    if (chunk < 1 || chunk > CHUNK) {
      throw new IllegalArgumentException("chunk must be an integer in [1, " + CHUNK + "], got " + chunk);
    }
    this.data = data;
    this.topology = topology;
    this.runId = runId;
    this.chunk = chunk;
    this.sums = new OrderedSums(data, topology.numParams());
  }

  /**
   * The gradient SUM Σ_x ∇C_x, loss SUM Σ_x C_x and count over every row, at the broadcast parameters
   * (bytes of {@link StepJob#encodeParams}); not divided.
   */
  GradientSum run(Broadcast<byte[]> params) {
    return sums.run(new PartitionPass(params, topology, runId, data.id(), chunk));
  }

  /** The task: every row of one partition, as bytes {count, lossSum, gradient…} (empty if no rows). */
  private static final class PartitionPass
      extends AbstractFunction2<TaskContext, scala.collection.Iterator<PackedPartition>, byte[]>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final byte[] NOTHING = new byte[0];
    private final Broadcast<byte[]> params;
    private final Topology topology;
    private final String runId;
    private final int rddId;
    private final int chunk;

    PartitionPass(Broadcast<byte[]> params, Topology topology, String runId, int rddId, int chunk) {
      this.params = params;
      this.topology = topology;
      this.runId = runId;
      this.rddId = rddId;
      this.chunk = chunk;
    }

    @Override public byte[] apply(TaskContext context, scala.collection.Iterator<PackedPartition> it) {
      Iterator<PackedPartition> blocks = CollectionConverters.asJava(it);
      PartitionState state = PartitionState.of(runId, rddId, context.partitionId(), topology);
      GradientSum sum = state.sum;
      sum.clear();
      double[] w = null;
      while (blocks.hasNext()) {
        PackedPartition p = blocks.next();
        if (w == null && p.rows > 0) {
          w = ParamsCache.get(params, topology.numParams());
        }
        for (int from = 0; from < p.rows; from += chunk) {
          int cols = Math.min(chunk, p.rows - from);
          state.ensureBuffers(p.numFeatures, p.numTargets, cols);
          System.arraycopy(p.features, from * p.numFeatures, state.x, 0, cols * p.numFeatures);
          System.arraycopy(p.targets, from * p.numTargets, state.y, 0, cols * p.numTargets);
          state.network.addGradient(w, state.x, state.y, cols, state.workspace, sum);
        }
      }
      return sum.count == 0 ? NOTHING : OrderedSums.encode(sum);
    }
  }
}
