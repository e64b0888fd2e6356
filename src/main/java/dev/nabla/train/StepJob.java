package dev.nabla.train;

import dev.nabla.data.PackedPartition;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Topology;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

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
    return sums.run(tasks().at(params, epoch, step));
  }

  @Override public JavaRDD<PackedPartition> data() {
    return data;
  }

  @Override public StepTask.Factory tasks() {
    return new Tasks(topology, schedule, runId, data.id(), dropout, dropoutSeed);
  }

  private record Tasks(Topology topology, BatchSchedule schedule, String runId, int rddId, Dropout dropout,
      long dropoutSeed) implements StepTask.Factory {
    @Override public StepTask at(Broadcast<byte[]> params, int epoch, int step) {
      return new PartitionStep(params, topology, schedule, runId, rddId, epoch, step, dropout, dropoutSeed);
    }
  }

  /** The task under fixed batches: the partition's rows of the step are a slice of the epoch's plan. */
  private static final class PartitionStep extends StepTask {
    private static final long serialVersionUID = 2L;
    private final BatchSchedule schedule;
    private final long dropoutSeed;

    PartitionStep(Broadcast<byte[]> params, Topology topology, BatchSchedule schedule, String runId, int rddId,
        int epoch, int step, Dropout dropout, long dropoutSeed) {
      super(params, topology, runId, rddId, epoch, step, dropout, Double.NaN);
      this.schedule = schedule;
      this.dropoutSeed = dropoutSeed;
    }

    @Override Rows rows(PackedPartition p, PartitionState state) {
      PartitionPlan plan = state.plan(p, schedule, epoch);
      return new Rows(plan.order, plan.stepStart[step], plan.stepStart[step + 1]);
    }

    /** Masks seeded per (epoch, row): a row is in one step per epoch. */
    @Override long dropoutSeed(long row) {
      return Seeds.forRow(dropoutSeed, epoch, row);
    }
  }
}
