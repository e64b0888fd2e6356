package dev.nabla.train;

import dev.nabla.data.PackedPartition;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Network;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Executor-side state of one cached partition across the steps of a run: the epoch's plan, the
 * forward/backward workspace, the batch buffers and the gradient accumulator, so that a step allocates
 * nothing. Kept in a small per-JVM cache keyed by run, RDD and partition; a lost executor simply
 * rebuilds it (everything here is derived from the partition and the seed).
 */
final class PartitionState {
  private static final int MAX_ENTRIES = 256;
  private static final Map<String, PartitionState> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override protected boolean removeEldestEntry(Map.Entry<String, PartitionState> eldest) {
      return size() > MAX_ENTRIES;
    }
  };
  private static long plansBuilt;
  private static final java.util.concurrent.atomic.AtomicLong ROWS_GATHERED = new java.util.concurrent.atomic.AtomicLong();

  final Network network;
  final Workspace workspace;
  final GradientSum sum;
  PartitionPlan plan;
  double[] x = new double[0];
  double[] y = new double[0];
  private long[] seeds = new long[0];
  private byte[] result = new byte[0];
  private PoissonPlan poissonPlan;

  private PartitionState(Topology topology) {
    this.network = new Network(topology);
    this.workspace = network.newWorkspace(1);
    this.sum = new GradientSum(topology.numParams());
  }

  /** The state of (run, rdd, partition), created on first use. */
  static PartitionState of(String runId, int rddId, int partition, Topology topology) {
    String key = runId + "/" + rddId + "/" + partition;
    synchronized (CACHE) {
      return CACHE.computeIfAbsent(key, k -> new PartitionState(topology));
    }
  }

  /** How many epoch plans this JVM has built (for tests that prove plans are built once per epoch). */
  static synchronized long plansBuilt() {
    return plansBuilt;
  }

  /** How many rows steps in this JVM have read out of cached partitions (for tests of O(m) steps). */
  static long rowsGathered() {
    return ROWS_GATHERED.get();
  }

  /** Counts rows read by a step. */
  static void countGathered(int rows) {
    ROWS_GATHERED.addAndGet(rows);
  }

  /** The epoch's plan for partition p, built on first use in that epoch. */
  PartitionPlan plan(PackedPartition p, BatchSchedule schedule, int epoch) {
    if (plan == null || plan.epoch != epoch) {
      plan = new PartitionPlan(p, schedule, epoch);
      synchronized (PartitionState.class) {
        plansBuilt++;
      }
    }
    return plan;
  }

  /** A buffer for {@code cols} per-column dropout seeds. */
  long[] seeds(int cols) {
    if (seeds.length < cols) {
      seeds = new long[cols];
    }
    return seeds;
  }

  /**
   * The task's result bytes, reused from step to step: Spark serializes a task's return value in the
   * task's own thread as soon as the function returns, so the next step of this partition can overwrite
   * it (saves allocating and zeroing 8·P bytes per task and step).
   */
  byte[] result(int length) {
    if (result.length != length) {
      result = new byte[length];
    }
    return result;
  }

  /** The epoch's Poisson draws for partition p, built on first use in that epoch. */
  PoissonPlan poissonPlan(PackedPartition p, PoissonSampling sampling, int epoch) {
    if (poissonPlan == null || poissonPlan.epoch != epoch) {
      poissonPlan = new PoissonPlan(p, sampling, epoch);
    }
    return poissonPlan;
  }

  /** Makes the batch buffers large enough for {@code cols} samples. */
  void ensureBuffers(int nf, int nt, int cols) {
    if (x.length < nf * cols) {
      x = new double[nf * cols];
    }
    if (y.length < nt * cols) {
      y = new double[nt * cols];
    }
  }
}
