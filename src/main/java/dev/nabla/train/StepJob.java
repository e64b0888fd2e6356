package dev.nabla.train;

import dev.nabla.data.ShardGroup;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Precision;
import dev.nabla.nn.Topology;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * The Spark job of one training step. Each task takes its training partition's rows of the step (from the
 * epoch's window plans, {@link PartitionState#stepRows}), gathers them out of the cached blocks, runs
 * forward/backward on them as one batch matrix, and returns their gradient SUM, loss SUM and count as raw
 * bytes; a partition with no rows in the step returns an empty array. {@link OrderedSums} keeps each result
 * in the slot of its partition index and adds them in the order of the run's tree ({@code stream.TreeShape}, the order every engine uses), so the
 * total never depends on which task finished first.
 *
 * <p>What makes the step cheap: the job is submitted with {@code SparkContext.runJob} and a named
 * function class (Spark's closure cleaner, which parses class files with ASM for every lambda, has
 * nothing to do); parameters arrive as one broadcast {@code byte[]} decoded once per executor JVM
 * ({@link ParamsCache}); results leave as {@code byte[]}; all executor buffers are reused
 * ({@link PartitionState}).
 */
final class StepJob implements Batches {
  private final JavaRDD<ShardGroup> data;
  private final Broadcast<DataView> view;
  private final Topology topology;
  private final BatchSchedule schedule;
  private final Dropout dropout;
  private final long dropoutSeed;
  private final OrderedSums sums;
  private final Precision precision;

  /**
   * A step job whose tasks apply dropout (null: none), masks seeded per (epoch, row) from {@code dropoutSeed}, the
   * results added in the order of the tree of fan-out {@code fanout}.
   */
  StepJob(JavaRDD<ShardGroup> data, Broadcast<DataView> view, Topology topology, BatchSchedule schedule,
      Dropout dropout, long dropoutSeed, int fanout, Precision precision, boolean round) {
    this.precision = precision;
    this.dropout = dropout == null || dropout.isNone() ? null : dropout;
    this.dropoutSeed = dropoutSeed;
    this.data = data;
    this.view = view;
    this.topology = topology;
    this.schedule = schedule;
    this.sums = new OrderedSums(data, topology.numParams(), fanout, round);
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

  @Override public JavaRDD<ShardGroup> data() {
    return data;
  }

  @Override public StepTask.Factory tasks() {
    return new Tasks(view, topology, precision, schedule, dropout, dropoutSeed);
  }

  private record Tasks(Broadcast<DataView> view, Topology topology, Precision precision, BatchSchedule schedule,
      Dropout dropout, long dropoutSeed) implements StepTask.Factory {
    @Override public StepTask at(Broadcast<byte[]> params, int epoch, int step) {
      return new PartitionStep(params, this, epoch, step);
    }
  }

  /** The task under fixed batches: the partition's rows of the step come from the epoch's window plans. */
  private static final class PartitionStep extends StepTask {
    private static final long serialVersionUID = 3L;
    private final BatchSchedule schedule;
    private final long dropoutSeed;

    PartitionStep(Broadcast<byte[]> params, Tasks job, int epoch, int step) {
      super(params, job.view, job.topology, job.precision, epoch, step, job.dropout, Double.NaN);
      this.schedule = job.schedule;
      this.dropoutSeed = job.dropoutSeed;
    }

    @Override StepRows rows(ShardGroup g, DataView view, PartitionState state) {
      return state.stepRows(g, view.layout(), schedule, epoch, step);
    }

    /** Masks seeded per (epoch, row): a row is in one step per epoch. */
    @Override long dropoutSeed(long row) {
      return Seeds.forRow(dropoutSeed, epoch, row);
    }
  }
}
