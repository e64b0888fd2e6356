package dev.nabla.train;

import dev.nabla.data.ShardGroup;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Precision;
import dev.nabla.nn.Topology;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * The Spark job of one step under {@link PoissonSampling}: each task takes its partition's rows of the
 * step from the epoch's draws ({@link PoissonPlan}, built once per epoch), runs forward/backward on them
 * as one batch matrix and returns their gradient SUM, loss SUM and count, summed by {@link OrderedSums} in partition order. With a clip bound C (DP-SGD) the
 * backward pass clips every sample's gradient to norm C before the BP4 GEMM
 * ({@code Network.addClippedGradient}), so the SUM is Σ_x min(1, C/‖g_x‖) g_x; without one (NaN) it is
 * the plain SUM of {@code Network.addGradient}. Dropout masks are seeded per (epoch, step, row): a row
 * may be drawn in several steps of an epoch.
 */
final class PoissonStepJob implements Batches {
  private final JavaRDD<ShardGroup> data;
  private final Broadcast<DataView> view;
  private final Topology topology;
  private final PoissonSampling sampling;
  private final double clip;
  private final Dropout dropout;
  private final long dropoutSeed;
  private final OrderedSums sums;
  private final Precision precision;

  /**
   * @param clip C &gt; 0 (+∞ allowed) to clip per sample, NaN for the plain sum
   * @param dropout null for none
   */
  PoissonStepJob(JavaRDD<ShardGroup> data, Broadcast<DataView> view, Topology topology, PoissonSampling sampling,
      double clip, Dropout dropout, long dropoutSeed, int fanout, Precision precision, boolean round) {
    this.precision = precision;
    this.data = data;
    this.view = view;
    this.topology = topology;
    this.sampling = sampling;
    this.clip = clip;
    this.dropout = dropout == null || dropout.isNone() ? null : dropout;
    this.dropoutSeed = dropoutSeed;
    this.sums = new OrderedSums(data, topology.numParams(), fanout, round);
  }

  @Override public int stepsPerEpoch() {
    return sampling.stepsPerEpoch();
  }

  /** The EXPECTED batch size m = qN, whatever this step drew. */
  @Override public double divisor(GradientSum sum) {
    return sampling.expectedBatchSize();
  }

  /** No: an empty Poisson batch still updates (DP noise; the expected size divides). */
  @Override public boolean skipsEmptySteps() {
    return false;
  }

  @Override public GradientSum run(Broadcast<byte[]> params, int epoch, int step) {
    return sums.run(tasks().at(params, epoch, step));
  }

  @Override public JavaRDD<ShardGroup> data() {
    return data;
  }

  @Override public StepTask.Factory tasks() {
    return new Tasks(view, topology, precision, sampling, clip, dropout, dropoutSeed);
  }

  private record Tasks(Broadcast<DataView> view, Topology topology, Precision precision, PoissonSampling sampling,
      double clip, Dropout dropout, long dropoutSeed) implements StepTask.Factory {
    @Override public StepTask at(Broadcast<byte[]> params, int epoch, int step) {
      return new Task(this, params, epoch, step);
    }
  }

  /** The task under Poisson sampling: the partition's rows of the step come from the epoch's draws. */
  private static final class Task extends StepTask {
    private static final long serialVersionUID = 3L;
    private final PoissonSampling sampling;
    private final long stepSeed;

    Task(Tasks job, Broadcast<byte[]> params, int epoch, int step) {
      super(params, job.view, job.topology, job.precision, epoch, step, job.dropout, job.clip);
      this.sampling = job.sampling;
      this.stepSeed = Seeds.split(job.dropoutSeed, step);
    }

    @Override StepRows rows(ShardGroup g, DataView view, PartitionState state) {
      PoissonPlan plan = state.poissonPlan(g, view.layout(), sampling, epoch);
      StepRows rows = state.stepRows;
      rows.clear();
      rows.add(plan.members, plan.rows, plan.stepStart[step], plan.stepStart[step + 1]);
      return rows;
    }

    /** Masks seeded per (epoch, step, row): a row may be drawn in several steps of an epoch. */
    @Override long dropoutSeed(long row) {
      return Seeds.forRow(stepSeed, epoch, row);
    }
  }
}
