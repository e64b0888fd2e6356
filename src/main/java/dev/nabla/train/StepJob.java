package dev.nabla.train;

import dev.nabla.data.PackedPartition;
import dev.nabla.nn.Dropout;
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
 * The Spark job of one training step. Each task takes its cached partition's rows of the step (from
 * the epoch's {@link PartitionPlan}), runs forward/backward on them as one batch matrix, and returns
 * their gradient SUM, loss SUM and count as raw bytes; a partition with no rows in the step returns an
 * empty array. {@link OrderedSums} keeps each result in the slot of its partition index and adds them
 * as a pairwise tree in index order, so the total never depends on which task finished first.
 *
 * <p>What makes the step cheap: the job is submitted with {@code SparkContext.runJob} and a named
 * function class (Spark's closure cleaner, which parses class files with ASM for every lambda, has
 * nothing to do); parameters arrive as one broadcast {@code byte[]} decoded once per executor JVM
 * ({@link ParamsCache}); results leave as {@code byte[]}; all executor buffers are reused
 * ({@link PartitionState}).
 */
final class StepJob implements Batches {
  private final JavaRDD<PackedPartition> data;
  private final Topology topology;
  private final BatchSchedule schedule;
  private final String runId;
  private final Dropout dropout;
  private final long dropoutSeed;
  private final OrderedSums sums;

  StepJob(JavaRDD<PackedPartition> data, Topology topology, BatchSchedule schedule, String runId) {
    this(data, topology, schedule, runId, null, 0);
  }

  /** A step job whose tasks apply dropout, masks seeded per (epoch, row) from {@code dropoutSeed}. */
  StepJob(JavaRDD<PackedPartition> data, Topology topology, BatchSchedule schedule, String runId, Dropout dropout,
      long dropoutSeed) {
    this.dropout = dropout == null || dropout.isNone() ? null : dropout;
    this.dropoutSeed = dropoutSeed;
    this.data = data;
    this.topology = topology;
    this.schedule = schedule;
    this.runId = runId;
    this.sums = new OrderedSums(data, topology.numParams());
  }

  /** Encodes parameters for the step's broadcast. */
  static byte[] encodeParams(double[] params) {
    return Doubles.encode(new double[0], params);
  }

  @Override public int stepsPerEpoch() {
    return schedule.stepsPerEpoch();
  }

  /** The batch's sample count. */
  @Override public double divisor(GradientSum sum) {
    return sum.count;
  }

  @Override public boolean skipsEmptySteps() {
    return true;
  }

  @Override public GradientSum run(Broadcast<byte[]> params, int epoch, int step) {
    return sums.run(new PartitionStep(params, topology, schedule, runId, data.id(), epoch, step, dropout,
        dropoutSeed));
  }

  /** The task: one partition's share of the step, as bytes {count, lossSum, gradient…}. */
  private static final class PartitionStep extends AbstractFunction2<TaskContext, scala.collection.Iterator<PackedPartition>, byte[]>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final byte[] NOTHING = new byte[0];
    private final Broadcast<byte[]> params;
    private final Topology topology;
    private final BatchSchedule schedule;
    private final String runId;
    private final int rddId;
    private final int epoch;
    private final int step;
    private final Dropout dropout;
    private final long dropoutSeed;

    PartitionStep(Broadcast<byte[]> params, Topology topology, BatchSchedule schedule, String runId, int rddId,
        int epoch, int step, Dropout dropout, long dropoutSeed) {
      this.dropout = dropout;
      this.dropoutSeed = dropoutSeed;
      this.params = params;
      this.topology = topology;
      this.schedule = schedule;
      this.runId = runId;
      this.rddId = rddId;
      this.epoch = epoch;
      this.step = step;
    }

    @Override public byte[] apply(TaskContext context, scala.collection.Iterator<PackedPartition> it) {
      Iterator<PackedPartition> rows = CollectionConverters.asJava(it);
      if (!rows.hasNext()) {
        return NOTHING;
      }
      PackedPartition p = rows.next();
      PartitionState state = PartitionState.of(runId, rddId, context.partitionId(), topology);
      PartitionPlan plan = state.plan(p, schedule, epoch);
      int cols = plan.rowsIn(step);
      if (cols == 0) {
        return NOTHING;
      }
      state.ensureBuffers(p.numFeatures, p.numTargets, cols);
      p.gather(plan.order, plan.stepStart[step], plan.stepStart[step + 1], state.x, state.y);
      PartitionState.countGathered(cols);
      GradientSum sum = state.sum;
      sum.clear();
      long[] seeds = null;
      if (dropout != null) {
        seeds = state.seeds(cols);
        for (int c = 0, k = plan.stepStart[step]; c < cols; c++, k++) {
          seeds[c] = Seeds.forRow(dropoutSeed, epoch, p.index[plan.order[k]]);
        }
      }
      state.network.addGradient(ParamsCache.get(params, topology.numParams()), state.x, state.y, cols,
          state.workspace, sum, dropout, seeds);
      return OrderedSums.encode(sum, state.result(OrderedSums.encodedLength(topology.numParams())));
    }
  }
}
