package dev.nabla.train;

import dev.nabla.data.PackedPartition;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Topology;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * The Spark job of one training step. Each task takes its cached partition's rows of the step (from
 * the epoch's {@link PartitionPlan}), runs forward/backward on them as one batch matrix, and returns
 * their gradient SUM, loss SUM and count; partitions with no rows in the step return nothing. The
 * driver receives the results in partition-index order ({@code collect} keeps it) and adds them as a
 * pairwise tree in that order, so the total never depends on which task finished first.
 */
final class StepJob {
  private StepJob() {
  }

  /** Runs step {@code step} of {@code epoch}; returns the batch's SUMS (not yet divided by count). */
  static GradientSum run(JavaRDD<PackedPartition> data, Broadcast<double[]> params, Topology topology,
      BatchSchedule schedule, String runId, int epoch, int step) {
    int rddId = data.id();
    List<GradientSum> parts = data.mapPartitionsWithIndex(
        (partition, it) -> partitionSum(it, partition, rddId, params, topology, schedule, runId, epoch, step), false)
        .collect();
    return treeSum(parts, topology.numParams());
  }

  private static Iterator<GradientSum> partitionSum(Iterator<PackedPartition> it, int partition, int rddId,
      Broadcast<double[]> params, Topology topology, BatchSchedule schedule, String runId, int epoch, int step) {
    if (!it.hasNext()) {
      return Collections.emptyIterator();
    }
    PackedPartition p = it.next();
    PartitionState state = PartitionState.of(runId, rddId, partition, topology);
    PartitionPlan plan = state.plan(p, schedule, epoch);
    int cols = plan.rowsIn(step);
    if (cols == 0) {
      return Collections.emptyIterator();
    }
    state.ensureBuffers(p.numFeatures, p.numTargets, cols);
    p.gather(plan.order, plan.stepStart[step], plan.stepStart[step + 1], state.x, state.y);
    PartitionState.countGathered(cols);
    GradientSum sum = state.sum;
    sum.clear();
    state.network.addGradient(params.value(), state.x, state.y, cols, state.workspace, sum);
    return Collections.singletonList(sum).iterator();
  }

  /** Σ of the parts as a balanced pairwise tree over their list order; the parts are consumed. */
  static GradientSum treeSum(List<GradientSum> parts, int numParams) {
    if (parts.isEmpty()) {
      return new GradientSum(numParams);
    }
    GradientSum[] level = parts.toArray(new GradientSum[0]);
    int n = level.length;
    while (n > 1) {
      int half = 0;
      for (int i = 0; i < n; i += 2) {
        level[half++] = i + 1 < n ? level[i].add(level[i + 1]) : level[i];
      }
      n = half;
    }
    return level[0];
  }
}
