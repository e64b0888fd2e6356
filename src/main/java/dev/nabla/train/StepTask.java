package dev.nabla.train;

import dev.nabla.data.ShardGroup;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Inputs;
import dev.nabla.nn.Precision;
import dev.nabla.nn.Topology;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction2;

/**
 * One partition's share of a training step, the part both batch kinds share: find the partition's
 * rows of the step ({@link #rows}: from the epoch's window plans, or by Poisson sampling), gather them
 * out of the cached blocks into the reused batch buffers, run forward/backward as one batch matrix (clipping each
 * sample's gradient to C under DP-SGD) and return the gradient SUM, loss SUM and count as bytes
 * {count, lossSum, gradient…} written into the partition's reused result buffer; an empty array when
 * the partition has no row in the step.
 *
 * <p>A named class, not a lambda: Spark's closure cleaner has nothing to parse.
 */
abstract class StepTask extends AbstractFunction2<TaskContext, scala.collection.Iterator<ShardGroup>, byte[]>
    implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte[] NOTHING = new byte[0];

  private final Broadcast<byte[]> params;
  final Broadcast<DataView> data;
  private final Precision precision;
  final Topology topology;
  final int epoch;
  final int step;
  private final Dropout dropout;
  private final double clip;

  /**
   * @param epoch 0-based
   * @param step 0-based within the epoch
   * @param dropout null for none
   * @param clip C &gt; 0 (+∞ allowed) to clip per sample (DP-SGD), NaN for the plain SUM
   */
  StepTask(Broadcast<byte[]> params, Broadcast<DataView> data, Topology topology, Precision precision, int epoch,
      int step, Dropout dropout, double clip) {
    this.precision = precision;
    this.params = params;
    this.data = data;
    this.topology = topology;
    this.epoch = epoch;
    this.step = step;
    this.dropout = dropout;
    this.clip = clip;
  }

  /** This step's rows of the partition, in the batch's order; buffers may come from {@code state}. */
  abstract StepRows rows(ShardGroup g, DataView view, PartitionState state);

  /** The seed of the dropout masks of the row with view index {@code row} in this step. */
  abstract long dropoutSeed(long row);

  /**
   * Makes the task of step {@code step} of {@code epoch}; serializable, so that a long-lived
   * {@code stream.TreeTask} can make each step's task on the executor.
   */
  interface Factory extends Serializable {
    /** @param params the step's broadcast parameters, or null when the caller passes θ to {@link #compute} */
    StepTask at(Broadcast<byte[]> params, int epoch, int step);

    /** The precision the tasks compute in. */
    Precision precision();

    /** The same steps as a stream task computes them: θ handed over, the SUMS in the partition's own buffer. */
    default dev.nabla.train.stream.StepComputer computer() {
      Factory tasks = this;
      boolean float32 = precision() == Precision.FLOAT32;
      return new dev.nabla.train.stream.StepComputer() {
        private static final long serialVersionUID = 1L;

        @Override public GradientSum compute(ShardGroup group, int partition, int epoch, int step, double[] theta) {
          return tasks.at(null, epoch, step).computeSum(group, partition, theta);
        }

        @Override public boolean float32Sums() {
          return float32; // Network.stepSums writes float32 values at FLOAT32
        }
      };
    }
  }

  /** The step run as a Spark task (one job per step): θ from the step's broadcast. */
  @Override public final byte[] apply(TaskContext context, scala.collection.Iterator<ShardGroup> it) {
    Iterator<ShardGroup> partitions = CollectionConverters.asJava(it);
    if (!partitions.hasNext()) {
      return NOTHING;
    }
    return compute(partitions.next(), context.partitionId(), ParamsCache.get(params, topology.numParams()));
  }

  /**
   * Partition {@code partition}'s share of the step at parameters {@code theta} (only read): the encoded
   * SUMS in the partition's reused result buffer, or an empty array when it has no row in the step.
   */
  final byte[] compute(ShardGroup p, int partition, double[] theta) {
    PartitionState state = PartitionState.of(data.value(), partition, topology, precision);
    synchronized (state) {
      GradientSum sum = sum(p, state, theta);
      return sum == null ? NOTHING
          : OrderedSums.encode(sum, state.result(OrderedSums.encodedLength(topology.numParams())));
    }
  }

  /**
   * As {@link #compute}, without encoding: the partition's reused accumulator, valid until its next step,
   * or null when it has no row in the step (handed over by reference to a parent in the same JVM, {@code stream.LocalEdges}).
   */
  final GradientSum computeSum(ShardGroup p, int partition, double[] theta) {
    PartitionState state = PartitionState.of(data.value(), partition, topology, precision);
    synchronized (state) {
      return sum(p, state, theta);
    }
  }

  /**
   * The SUMS into the state's next buffer ({@link PartitionState#nextSum}), or null for no rows. The caller holds
   * the state's lock: a task of an abandoned stream may still be finishing its step when the step's job runs on the
   * same partition.
   */
  private GradientSum sum(ShardGroup g, PartitionState state, double[] theta) {
    DataView view = data.value();
    StepRows rows = rows(g, view, state);
    int cols = rows.count();
    if (cols == 0) {
      return null;
    }
    int nf = view.numFeatures();
    int nt = view.numTargets();
    state.ensureBuffers(nf, nt, cols, view.sparse());
    if (view.sparse()) {
      rows.gatherSparse(state.sparseX, state.y, nt, view.scaling(), view.targets());
    } else {
      rows.gather(state.x, state.y, nf, nt, view.scaling(), view.targets());
    }
    PartitionState.countGathered(cols);
    GradientSum sum = state.nextSum();
    long[] seeds = null;
    if (dropout != null) {
      seeds = state.seeds(cols);
      for (int c = 0; c < cols; c++) {
        seeds[c] = dropoutSeed(rows.view(c));
      }
    }
    Inputs x = view.sparse() ? state.sparseX : state.dense(nf);
    state.network.stepSums(theta, x, state.y, cols, state.workspace, sum, clip, dropout, seeds);
    return sum;
  }
}
