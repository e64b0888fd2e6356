package dev.nabla.train;

import dev.nabla.data.Layout;
import dev.nabla.data.ShardGroup;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.DenseInputs;
import dev.nabla.nn.Network;
import dev.nabla.nn.Precision;
import dev.nabla.nn.SparseInputs;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import java.util.HashMap;
import java.util.Map;

/**
 * Executor-side state of one training partition across the steps of a run: the plans of the windows it is
 * reading (and so the shards they hold), the forward/backward workspace, the batch buffers and the gradient
 * accumulator, so that a step allocates nothing. Kept in a per-JVM cache keyed by the run and the partition,
 * released when the run ends ({@link #release}: in the driver's JVM, and by a small job on the executors); a lost
 * executor simply rebuilds it (everything here is derived from the data and the seed).
 */
final class PartitionState {
  /** Runs whose states have not been used for this long are dropped (a run that ended on a lost driver, say). */
  private static final long IDLE_NANOS = 60_000_000_000L;
  /** Per run id: when its states were last used, and its states by partition. */
  private static final Map<String, RunStates> CACHE = new HashMap<>();

  private static final class RunStates {
    long lastUse;
    final Map<Integer, PartitionState> partitions = new HashMap<>();
  }
  private static long plansBuilt;
  private static final java.util.concurrent.atomic.AtomicLong ROWS_GATHERED = new java.util.concurrent.atomic.AtomicLong();

  static {
    // Once per executor JVM, in its log: which BLAS the steps run on (the driver prints it at start; in local mode the
    // tasks run in the driver's JVM and it is the same line).
    org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
    if (env != null && !"driver".equals(env.executorId())) {
      org.slf4j.LoggerFactory.getLogger(PartitionState.class).info("Nabla BLAS: {}", dev.nabla.nn.Blas.description());
    }
  }

  final Network network;
  final Workspace workspace;
  private final GradientSum[] sums = new GradientSum[2];
  private int lastSum;
  final StepRows stepRows = new StepRows();
  double[] x = new double[0];
  double[] y = new double[0];
  /** The batch's inputs when the data is gathered sparse; null until then. */
  SparseInputs sparseX;
  private DenseInputs denseX;
  private double[] denseBuffer;
  private long[] seeds = new long[0];
  private byte[] result = new byte[0];
  /** The windows being read: at most two (a step may straddle a window's end). */
  private WindowPlan current;
  private WindowPlan next;
  private PoissonPlan poissonPlan;

  private PartitionState(Topology topology, Precision precision) {
    this.network = new Network(topology, precision);
    this.workspace = network.newWorkspace(1);
    this.sums[0] = new GradientSum(topology.numParams());
    this.sums[1] = new GradientSum(topology.numParams());
  }

  /**
   * The SUMS buffer of the partition's next step: two, in turn, so that a step writes the one its parent read a step
   * earlier, not the one it has just read (in one JVM the parent reads a child's buffer in place; rewriting those
   * lines at once made the child's pass slower than its parent's, measured).
   */
  GradientSum nextSum() {
    lastSum ^= 1;
    return sums[lastSum];
  }

  /**
   * The state of a run's partition, created on first use. Other runs' states idle for a minute are dropped here (a
   * run releases its own when it ends, {@link #release}).
   */
  static PartitionState of(DataView run, int partition, Topology topology, Precision precision) {
    long now = System.nanoTime();
    synchronized (CACHE) {
      CACHE.values().removeIf(r -> now - r.lastUse > IDLE_NANOS);
      RunStates r = CACHE.computeIfAbsent(run.run(), k -> new RunStates());
      r.lastUse = now;
      return r.partitions.computeIfAbsent(partition, k -> new PartitionState(topology, precision));
    }
  }

  /** Drops a run's partition states in this JVM (their plans, shards and buffers). */
  static void release(String run) {
    synchronized (CACHE) {
      CACHE.remove(run);
    }
  }

  /** How many runs this JVM holds partition states of (for tests that ended runs leave nothing behind). */
  static int runsCached() {
    synchronized (CACHE) {
      return CACHE.size();
    }
  }

  /** How many window plans this JVM has built (for tests that prove plans are built once per window). */
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

  /**
   * The partition's rows of step {@code step} of {@code epoch}, in position order: a run of the window plan
   * holding the step, or runs of two when the step straddles a window's end. Plans are built when a window is
   * first needed and dropped (with their shards) once the steps have moved past it.
   */
  StepRows stepRows(ShardGroup g, Layout layout, BatchSchedule schedule, int epoch, int step) {
    long p0 = schedule.stepStart(step);
    long p1 = schedule.stepStart(step + 1);
    int first = schedule.windowOfPosition(epoch, p0);
    int last = schedule.windowOfPosition(epoch, p1 - 1);
    WindowPlan a = null;
    WindowPlan b = null;
    for (WindowPlan p : new WindowPlan[] {current, next}) {
      if (p != null && p.epoch == epoch && p.window == first) {
        a = p;
      } else if (p != null && p.epoch == epoch && p.window == last) {
        b = p;
      }
    }
    current = a; // plans no step needs any more go, with their shards, before another is read
    next = b;
    if (current == null) {
      current = build(g, layout, schedule, epoch, first);
    }
    if (last != first && next == null) {
      next = build(g, layout, schedule, epoch, last);
    }
    stepRows.clear();
    stepRows.add(current.refs, null, current.indexOf(p0), current.indexOf(p1));
    if (last != first) {
      stepRows.add(next.refs, null, next.indexOf(p0), next.indexOf(p1));
    }
    return stepRows;
  }

  private static WindowPlan build(ShardGroup g, Layout layout, BatchSchedule schedule, int epoch, int w) {
    synchronized (PartitionState.class) {
      plansBuilt++;
    }
    return new WindowPlan(g, layout, schedule, epoch, w);
  }

  /** The epoch's Poisson draws for the partition, built on first use in that epoch (holding all its shards). */
  PoissonPlan poissonPlan(ShardGroup g, Layout layout, PoissonSampling sampling, int epoch) {
    if (poissonPlan == null || poissonPlan.epoch != epoch) {
      poissonPlan = null;
      poissonPlan = new PoissonPlan(g, layout, sampling, epoch);
    }
    return poissonPlan;
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

  /** The dense batch buffer as the network's inputs (one wrapper per buffer, made again when the buffer grows). */
  DenseInputs dense(int nf) {
    if (denseX == null || denseBuffer != x) {
      denseX = new DenseInputs(x, nf);
      denseBuffer = x;
    }
    return denseX;
  }

  /** Makes the batch buffers large enough for {@code cols} samples (a dense X only when {@code sparse} is false). */
  void ensureBuffers(int nf, int nt, int cols, boolean sparse) {
    if (sparse && sparseX == null) {
      sparseX = new SparseInputs(nf);
    }
    if (!sparse && x.length < nf * cols) {
      x = new double[nf * cols];
    }
    if (y.length < nt * cols) {
      y = new double[nt * cols];
    }
  }
}
