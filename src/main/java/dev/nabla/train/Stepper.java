package dev.nabla.train;

import dev.nabla.report.StepTraffic;
import dev.nabla.train.stream.StepSums;
import dev.nabla.train.stream.StreamServer;
import dev.nabla.train.stream.TreeStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Runs a training run's steps with the chosen {@link StepEngine}: through a {@link TreeStream}, kept open from one
 * epoch to the next until a Spark job needs its slots ({@link #freeSlots()}), when it can, else (and for the rest of an
 * epoch whose stream broke) as one Spark job per step with θ broadcast. Either way a step returns the same SUMS, added
 * in the same tree's order, bit for bit; the driver keeps θ and the optimizer state, so switching engines mid-epoch
 * loses nothing. A stream that breaks mid-epoch (an executor lost) is tried again next epoch; one that cannot start
 * (its tasks do not connect) is not tried again in the run. Each reason for not streaming is told once. It also counts
 * the streamed steps' traffic.
 */
final class Stepper implements AutoCloseable {
  /** Spark configuration key of how long the driver waits for all tasks of a stream to connect. */
  static final String TIMEOUT_KEY = "spark.nabla.stream.connectTimeout";
  private final JavaSparkContext sc;
  private final Batches batches;
  private final int numParams;
  private final Consumer<String> messages;
  private final Set<String> told = new HashSet<>();
  private final int fanout;
  private final boolean float32Wire;
  private final boolean roundTheta;
  private boolean streaming;
  private StreamServer server;
  private TreeStream stream;
  private boolean brokenThisEpoch;
  private long streamedSteps;
  private long driverBytes;
  private long maxTaskBytes;
  private double[] rounded;

  /**
   * @param fanout the tree's k
   * @param float32Wire θ and the SUMS travel between JVMs as float32
   * @param float32Compute the tasks compute at float32: they round θ themselves (rounding twice changes nothing), so
   *     the driver does not make a rounded copy for them each step
   */
  Stepper(JavaSparkContext sc, Batches batches, int numParams, StepEngine engine, int fanout, boolean float32Wire,
      boolean float32Compute, Consumer<String> messages) {
    this.sc = sc;
    this.batches = batches;
    this.numParams = numParams;
    this.messages = messages;
    this.fanout = fanout;
    this.float32Wire = float32Wire;
    this.roundTheta = float32Wire && !float32Compute;
    this.streaming = engine == StepEngine.STREAM && (sc.isLocal() || streamAllowed(sc.getConf()));
  }

  /**
   * Runs step {@code step} (0-based) of {@code epoch} (0-based) at {@code params}: the batch's SUMS, their additions
   * maybe pending ({@link StepSums#fold}). {@code meanwhile} runs on this thread while the tasks compute (streamed), or
   * before the job.
   */
  StepSums step(double[] params, int epoch, int step, Runnable meanwhile) {
    if (roundTheta) {
      // What the tasks see, in every engine: θ as float32 (the driver keeps its float64 θ).
      if (rounded == null) {
        rounded = new double[params.length];
      }
      System.arraycopy(params, 0, rounded, 0, params.length);
      dev.nabla.nn.Precision.roundToFloat(rounded);
      params = rounded;
    }
    if (streaming && stream == null && !brokenThisEpoch) {
      stream = open(epoch);
    }
    if (stream != null) {
      try {
        StepSums sum = stream.run(params, epoch, step, meanwhile);
        TreeStream.Traffic t = stream.traffic();
        streamedSteps++;
        driverBytes += t.driverBytes();
        maxTaskBytes = Math.max(maxTaskBytes, t.maxTaskBytes());
        return sum;
      } catch (TreeStream.Broken e) {
        stream.abort();
        stream = null;
        brokenThisEpoch = true;
        messages.accept("step stream: " + e.getMessage() + "; epoch " + (epoch + 1)
            + " continues with one Spark job per step");
      }
    }
    meanwhile.run();
    Broadcast<byte[]> bc = sc.broadcast(StepJob.encodeParams(params));
    try {
      return StepSums.of(batches.run(bc, epoch, step));
    } finally {
      bc.destroy();
    }
  }

  /**
   * How the driver's passes between two steps run, every index a piece of work of its own (a block of the update, a
   * validation partition): shared with the local stream's waiting task threads while a stream is open, else on the
   * driver alone. Valid until the next step.
   */
  dev.nabla.optim.Split split() {
    return stream == null ? dev.nabla.optim.Split.SERIAL : new SharedPass(stream::lend);
  }

  /**
   * Local mode while a stream is open: a live task context of this JVM (the stream root's, whose task only waits),
   * through which the driver's thread may read cached data between steps; else null.
   */
  org.apache.spark.TaskContext localContext() {
    return stream == null ? null : stream.localContext();
  }

  /**
   * Ends the epoch's steps: returns the epoch's streamed traffic (null when no step was streamed). The stream stays
   * open for the next epoch's steps, its tasks holding their slots: call {@link #freeSlots()} before a Spark job.
   */
  StepTraffic endEpoch() {
    brokenThisEpoch = false;
    StepTraffic t = streamedSteps == 0 ? null
        : new StepTraffic(streamedSteps, (double) driverBytes / streamedSteps, maxTaskBytes);
    streamedSteps = 0;
    driverBytes = 0;
    maxTaskBytes = 0;
    return t;
  }

  /**
   * Ends the open stream, if any: its tasks return and free their task slots for a Spark job (an evaluation, the
   * health probe); the next step opens a new one.
   */
  void freeSlots() {
    if (stream != null) {
      stream.close();
      stream = null;
    }
  }

  @Override public void close() {
    freeSlots();
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        // the port is released when the driver exits anyway
      }
      server = null;
    }
  }

  private TreeStream open(int epoch) {
    int partitions = batches.data().getNumPartitions();
    int slots = slots(sc.sc());
    if (partitions > slots) {
      tell("step stream: " + partitions + " partitions but " + slots + " task slots; one Spark job per step "
          + "(match the partitions to the executor cores to stream)");
      brokenThisEpoch = true;
      return null;
    }
    try {
      if (server == null && !sc.isLocal()) {
        server = new StreamServer(sc.getConf());
      }
      sc.setJobDescription("nabla step stream from epoch " + (epoch + 1));
      return TreeStream.open(batches.data(), batches.tasks().computer(), numParams, fanout, server,
          sc.getConf().getTimeAsMs(TIMEOUT_KEY, "60s"), float32Wire);
    } catch (IOException e) {
      streaming = false;
      tell("step stream: cannot listen on the driver (" + e.getMessage() + "); one Spark job per step from now on");
    } catch (TreeStream.Broken e) {
      // Not a lost executor mid-epoch but tasks that never connected (a firewall, no free slots): trying
      // again each epoch would wait for the timeout every time.
      streaming = false;
      tell("step stream: " + e.getMessage() + "; one Spark job per step from epoch " + (epoch + 1) + " on");
    }
    return null;
  }

  /** Task slots Spark can run at once for the default resource profile (what barrier stages check too). */
  private static int slots(SparkContext sc) {
    return sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
  }

  /** Between JVMs the stream carries θ and gradients unencrypted: not where Spark is told to encrypt its traffic. */
  private boolean streamAllowed(SparkConf conf) {
    if (conf.getBoolean("spark.network.crypto.enabled", false) || conf.getBoolean("spark.ssl.rpc.enabled", false)) {
      tell("step stream: Spark's network encryption is on and the stream does not encrypt; one Spark job per step");
      return false;
    }
    return true;
  }

  private void tell(String message) {
    if (told.add(message)) {
      messages.accept(message);
    }
  }
}
