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
 * The Spark job of one step under {@link PoissonSampling}: each task picks its partition's rows of the
 * step by hash, runs forward/backward on them as one batch matrix and returns their gradient SUM, loss
 * SUM and count, summed by {@link OrderedSums} in partition order. With a clip bound C (DP-SGD) the
 * backward pass clips every sample's gradient to norm C before the BP4 GEMM
 * ({@code Network.addClippedGradient}), so the SUM is Σ_x min(1, C/‖g_x‖) g_x; without one (NaN) it is
 * the plain SUM of {@code Network.addGradient}. Dropout masks are seeded per (epoch, step, row): a row
 * may be drawn in several steps of an epoch.
 */
final class PoissonStepJob implements Batches {
  private final JavaRDD<PackedPartition> data;
  private final Topology topology;
  private final PoissonSampling sampling;
  private final String runId;
  private final double clip;
  private final Dropout dropout;
  private final long dropoutSeed;
  private final OrderedSums sums;

  /**
   * @param clip C &gt; 0 (+∞ allowed) to clip per sample, NaN for the plain sum
   * @param dropout null for none
   */
  PoissonStepJob(JavaRDD<PackedPartition> data, Topology topology, PoissonSampling sampling, String runId,
      double clip, Dropout dropout, long dropoutSeed) {
    this.data = data;
    this.topology = topology;
    this.sampling = sampling;
    this.runId = runId;
    this.clip = clip;
    this.dropout = dropout == null || dropout.isNone() ? null : dropout;
    this.dropoutSeed = dropoutSeed;
    this.sums = new OrderedSums(data, topology.numParams());
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
    return sums.run(new Task(this, params, data.id(), epoch, step));
  }

  /** The task: one partition's share of the step, as bytes {count, lossSum, gradient…}. */
  private static final class Task extends AbstractFunction2<TaskContext, scala.collection.Iterator<PackedPartition>, byte[]>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final byte[] NOTHING = new byte[0];
    private final Broadcast<byte[]> params;
    private final Topology topology;
    private final PoissonSampling sampling;
    private final String runId;
    private final double clip;
    private final Dropout dropout;
    private final long dropoutSeed;
    private final int rddId;
    private final int epoch;
    private final int step;

    Task(PoissonStepJob job, Broadcast<byte[]> params, int rddId, int epoch, int step) {
      this.params = params;
      this.topology = job.topology;
      this.sampling = job.sampling;
      this.runId = job.runId;
      this.clip = job.clip;
      this.dropout = job.dropout;
      this.dropoutSeed = job.dropoutSeed;
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
      int[] picked = state.picks(p.rows);
      int cols = sampling.select(p.index, p.rows, epoch, step, picked);
      if (cols == 0) {
        return NOTHING;
      }
      state.ensureBuffers(p.numFeatures, p.numTargets, cols);
      p.gather(picked, 0, cols, state.x, state.y);
      PartitionState.countGathered(cols);
      GradientSum sum = state.sum;
      sum.clear();
      long[] seeds = null;
      if (dropout != null) {
        seeds = state.seeds(cols);
        long stepSeed = Seeds.split(dropoutSeed, step);
        for (int c = 0; c < cols; c++) {
          seeds[c] = Seeds.forRow(stepSeed, epoch, p.index[picked[c]]);
        }
      }
      double[] theta = ParamsCache.get(params, topology.numParams());
      if (Double.isNaN(clip)) {
        state.network.addGradient(theta, state.x, state.y, cols, state.workspace, sum, dropout, seeds);
      } else {
        state.network.addClippedGradient(theta, state.x, state.y, cols, state.workspace, sum, clip, dropout, seeds);
      }
      return OrderedSums.encode(sum);
    }
  }
}
