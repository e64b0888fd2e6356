package dev.nabla.train;

import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Precision;
import dev.nabla.nn.Saturation;
import dev.nabla.nn.Topology;
import dev.nabla.optim.Optimizer;
import dev.nabla.privacy.PrivacyConfig;
import dev.nabla.report.EpochMetrics;
import dev.nabla.report.LayerHealth;
import dev.nabla.report.StepMetrics;
import dev.nabla.report.StepTraffic;
import dev.nabla.report.TrainingListener;
import dev.nabla.train.stream.StepSums;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The synchronous data-parallel loop. Per step: send θ to the tasks and get back each partition's gradient
 * SUM over its share of the batch, combined in partition order ({@link Stepper}: through the epoch's
 * {@code stream.TreeStream}, or as one Spark job per step with θ broadcast), divide once by the batch's sample
 * count, check for divergence, and let the optimizer update θ on the driver.
 * Per epoch: evaluate on the validation set, measure the layers' health and tell the listener.
 *
 * <p>Diagnostics: every step computes ‖g_W^l‖, the norm of each layer's weight block of the MEAN data-loss
 * gradient g (before regularization and clipping): one O(P) pass on the driver, reported with the step and
 * accumulated into the epoch's RMS over steps. After each epoch the {@link HealthProbe} job measures
 * saturated and dead hidden units on a fixed sample of at most {@value HealthProbe#MAX_ROWS} training rows.
 * After a resume in the middle of an epoch, that epoch's RMS covers the steps run since resuming.
 *
 * <p>With {@link #privacy} (DP-SGD) or {@link #poissonSampling}, batches are Poisson-sampled
 * ({@link PoissonSampling}: random size, mean m) and every step's SUM is divided by the EXPECTED batch
 * size m, also when the batch is empty; under DP the backward pass clips each sample's gradient to C and
 * the driver adds N(0, σ²C²) to the SUM before that division ({@link PrivacyLedger}), and each epoch
 * reports the ε spent.
 *
 * <p>With {@link TargetScalingKind#STANDARD} targets ({@link TargetScaling}), μ and σ are fitted on the training rows
 * (one Spark job, recomputed identically on resume) and the steps train θ on y' = (y − μ)/σ. Everything reported is
 * in data units: the training loss times σ², and the validation metrics, early stopping's best parameters and the
 * result's parameters of θ with σ and μ folded into the output layer. Checkpoints keep θ as trained (the optimizer's
 * state belongs to it).
 */
public final class Trainer {
  private final JavaSparkContext sc;
  private EarlyStopping earlyStopping;
  private Checkpoints checkpoints;
  private Checkpoint resumeFrom;
  private boolean diagnostics = true;
  private PrivacyConfig privacy;
  private boolean poisson;
  private StepEngine engine;
  private Map<String, String> dataSettings = Map.of();
  private long shuffleWindow = DEFAULT_SHUFFLE_WINDOW;
  private int fanout = DEFAULT_TREE_FANOUT;
  private boolean float32Wire = TrainDefaults.SHIPPED.float32Wire();
  private Precision precision = Precision.parse(TrainDefaults.SHIPPED.precision());

  /** The default k of the tree the step stream's tasks form (and every engine adds in the order of). */
  public static final int DEFAULT_TREE_FANOUT = TrainDefaults.SHIPPED.treeFanout();

  /** The default bytes of stored rows one shuffle window holds ({@link BatchSchedule}). */
  public static final long DEFAULT_SHUFFLE_WINDOW = TrainDefaults.SHIPPED.shuffleWindow();

  public Trainer(JavaSparkContext sc) {
    this.sc = sc;
  }

  /** Saves checkpoints as the policy says (null: none). */
  public Trainer checkpoints(Checkpoints store) {
    this.checkpoints = store;
    return this;
  }

  /**
   * Continues the run a checkpoint was taken from (null: start fresh). The run must have the same
   * {@link RunSettings} (every setting that changes the bits: data, partitions, network, batch, epochs, seed,
   * optimizer, schedule, regularization, clipping, dropout, sampling, DP-SGD, early stopping, target scaling), else {@link #fit}
   * throws a {@link ResumeMismatchException} naming the first difference; it then ends with the parameters an
   * uninterrupted run would have, bit for bit.
   */
  public Trainer resumeFrom(Checkpoint checkpoint) {
    this.resumeFrom = checkpoint;
    return this;
  }

  /**
   * Settings of the run the trainer cannot see (the data's paths and format, the scaling, …) by name, e.g.
   * {@code --train → hdfs://…}: stored in checkpoints ahead of the trainer's own {@link RunSettings} and compared on
   * resume like them.
   */
  public Trainer dataSettings(Map<String, String> settings) {
    this.dataSettings = new LinkedHashMap<>(settings);
    return this;
  }

  /** Trains with DP-SGD under these settings (null: not private); implies Poisson sampling. */
  public Trainer privacy(PrivacyConfig config) {
    this.privacy = config;
    return this;
  }

  /**
   * Poisson-samples the batches without privacy (no clipping, no noise), dividing by the expected batch
   * size: the non-private twin of a DP run, for comparisons.
   */
  public Trainer poissonSampling(boolean on) {
    this.poisson = on;
    return this;
  }

  /**
   * Whether each epoch reports per-layer health ({@link EpochMetrics#layers()}: gradient norms and the
   * {@link HealthProbe} job's saturation); on by default. Off saves that one small job per epoch; steps still
   * report their per-layer gradient norms.
   */
  public Trainer diagnostics(boolean on) {
    this.diagnostics = on;
    return this;
  }

  /**
   * How steps reach the executors; the result is the same either way. Null (the default): the Spark
   * configuration's {@value StepEngine#CONF_KEY}, else {@link StepEngine#STREAM}.
   */
  public Trainer stepEngine(StepEngine e) {
    this.engine = e;
    return this;
  }

  /**
   * How many bytes of stored rows one window of the epoch's shuffle holds ({@link BatchSchedule}): a data set that
   * fits is shuffled as a whole every epoch, a larger one window by window (each task then holds at most one
   * window's rows, two at a window's end). Changes which rows share a batch, so it is part of the run's settings.
   */
  public Trainer shuffleWindow(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("the shuffle window must be at least 1 byte, got " + bytes);
    }
    this.shuffleWindow = bytes;
    return this;
  }

  /**
   * The k of the fixed tree of tasks the step stream sends θ down and the SUMS up (the driver talks to its root
   * only); 0 for the star (the driver exchanges with every task, adding in index order, as k = T − 1 does). Every
   * engine adds the partitions' SUMS in that tree's order, so k is part of the run's settings.
   */
  public Trainer treeFanout(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("the tree's fan-out must be 0 (star) or positive, got " + k);
    }
    this.fanout = k;
    return this;
  }

  /**
   * θ and the SUMS cross between JVMs as float32 instead of float64 (half the bytes; rounded, so not bitwise equal to
   * one job per step, nor to local mode). Off by default.
   */
  public Trainer float32Wire(boolean on) {
    this.float32Wire = on;
    return this;
  }

  /**
   * The precision of the executors' matrix products ({@link Precision}): FLOAT32 multiplies in float32 on θ rounded
   * to float32 (the driver keeps θ, the optimizer's state and the sum of the partitions' SUMS in float64), and θ and
   * the SUMS travel as float32. FLOAT64 by default.
   */
  public Trainer precision(Precision p) {
    this.precision = java.util.Objects.requireNonNull(p, "precision");
    return this;
  }

  /** Whether θ and the SUMS travel (and are rounded, in every engine) as float32. */
  private boolean float32Transfer() {
    return float32Wire || precision == Precision.FLOAT32;
  }

  /** Stops early on a validation metric and keeps the best epoch's parameters (null: train all epochs). */
  public Trainer earlyStopping(EarlyStopping rule) {
    this.earlyStopping = rule;
    return this;
  }

  /**
   * Trains from the settings' initial parameters.
   *
   * @param validation may be null
   */
  public TrainResult fit(TrainingSet train, TrainingSet validation, TrainSettings s, Optimization optimization,
      TrainingListener listener) {
    double[] params = s.init().initialize(s.topology(), s.initSeed());
    return fit(train, validation, s, optimization, listener, params);
  }

  /**
   * Trains from the given parameters (modified in place and returned in the result: in data units, so folded when
   * the targets are standardized).
   */
  public TrainResult fit(TrainingSet train, TrainingSet validation, TrainSettings s, Optimization optimization,
      TrainingListener listener, double[] params) {
    if (earlyStopping != null && validation == null) {
      throw new IllegalArgumentException("early stopping needs validation data: give --validation or --validation-fraction");
    }
    boolean sampled = poisson || privacy != null;
    PoissonSampling sampling = sampled ? new PoissonSampling(train.rows(), s.batchSize(), s.batchSeed()) : null;
    if (sampled && windowRows(train) < train.rows()) {
      throw new IllegalArgumentException("--sampling poisson (and DP-SGD) draws each step's rows from the whole training "
          + "set, so every partition holds its rows in memory for the epoch: the training set is "
          + Math.round(train.data().referenceBytesPerRow() * train.rows() / 1e6) + " MB stored, more than the shuffle "
          + "window of " + Math.round(shuffleWindow / 1e6) + " MB; raise --shuffle-window if the executors' memory holds "
          + "the data, or train on fewer rows");
    }
    checkMemory(train, s, optimization);
    long windowRows = windowRows(train);
    if (!sampled && windowRows < train.rows()) {
      listener.onMessage(String.format(java.util.Locale.ROOT, "shuffle: the training set (%.0f MB stored) is more than "
          + "the shuffle window (%s): each epoch shuffles windows of about %d rows, in a random order (--shuffle-window "
          + "sets it)", train.data().referenceBytesPerRow() * train.rows() / 1e6, ByteSize.format(shuffleWindow),
          windowRows));
    }
    sc.setJobDescription("nabla target scaling");
    TargetScaling targets = TargetScaling.forRun(train, s);
    String runId = UUID.randomUUID().toString();
    Broadcast<DataView> trainView = sc.broadcast(train.view(runId, targets));
    Broadcast<DataView> valView = validation == null ? null : sc.broadcast(validation.view(runId + "/validation"));
    try {
      return fit(train, validation, s, optimization, listener, params, sampling, targets, trainView, valView);
    } finally {
      release(train, runId);
      trainView.destroy();
      if (valView != null) {
        valView.destroy();
      }
    }
  }

  /** Refuses a run whose arrays cannot fit the driver's or the executors' memory ({@link MemoryBudget}). */
  private void checkMemory(TrainingSet train, TrainSettings s, Optimization optimization) {
    Topology t = s.topology();
    int partitions = train.data().partitions();
    String o = optimization.optimizer();
    int slots = (o.startsWith("adam") ? 2 : o.equals("sgd") ? 0 : 1) + (earlyStopping != null ? 1 : 0)
        + (s.targetScaling() == TargetScalingKind.STANDARD ? 1 : 0);
    int rows = (int) Math.min(s.batchSize(), 2L * ((s.batchSize() + partitions - 1) / partitions));
    double input = train.data().sparse() ? 12.0 * train.data().density() * train.data().numFeatures()
        : 8.0 * t.inputSize();
    long window = (long) Math.min(shuffleWindow, train.data().referenceBytesPerRow() * train.rows());
    MemoryBudget.check(sc.getConf(), sc.isLocal(), partitions, sc.getConf().getInt("spark.executor.cores", 1),
        MemoryBudget.driver(t.numParams(), slots, partitions), MemoryBudget.task(t, rows, input, 2 * window / partitions),
        train.data().storedBytes(), "training " + t + " (" + t.numParams() + " parameters, batch " + s.batchSize() + ")");
  }

  /**
   * Drops the run's executor state (window plans and their shards, buffers, θ): in this JVM, which is the executors'
   * in local mode, and on a cluster with one small job over the training partitions (best effort: an executor it
   * misses drops the state once idle).
   */
  private void release(TrainingSet train, String runId) {
    PartitionState.release(runId);
    ParamsCache.clear();
    if (!sc.isLocal()) {
      try {
        sc.setJobDescription("nabla release");
        train.data().groups().foreachPartition(it -> {
          PartitionState.release(runId);
          ParamsCache.clear();
        });
      } catch (RuntimeException e) {
        // the states are dropped once idle anyway
      }
    }
  }

  /** Rows in one window of the epoch's shuffle. */
  private long windowRows(TrainingSet train) {
    return (long) Math.max(1, shuffleWindow / Math.max(1.0, train.data().referenceBytesPerRow()));
  }

  private TrainResult fit(TrainingSet train, TrainingSet validation, TrainSettings s, Optimization optimization,
      TrainingListener listener, double[] params, PoissonSampling sampling, TargetScaling targets,
      Broadcast<DataView> trainView, Broadcast<DataView> valView) {
    Topology t = s.topology();
    boolean sampled = sampling != null;
    Batches batches = batches(train, trainView, s, sampling);
    int steps = batches.stepsPerEpoch();
    PrivacyLedger ledger = privacy == null ? null : new PrivacyLedger(privacy, sampling, s.noiseSeed());
    if (ledger != null) {
      ledger.checkTargetReachable();
    }
    Optimization.Run rule = optimization.start(t, s.learningRate(), steps, (long) steps * s.epochs());
    listener.onStart(t + ", " + train.rows() + " rows, " + (sampled ? "Poisson-sampled batches of mean " : "batch ")
        + s.batchSize(), s.epochs(), steps);
    if (ledger != null) {
      listener.onMessage(ledger.describe());
    }
    if (targets != null) {
      listener.onMessage(String.format(java.util.Locale.ROOT, "targets standardized for training: mean %s, sigma %.6g "
          + "(losses and metrics are reported, and the model saved, in data units)",
          Arrays.toString(targets.mean()), targets.scale()));
    }
    StepUpdate update = new StepUpdate(t, rule, new Divergence(t, s.epochs(), steps, s.learningRate()), ledger);
    RunSettings settings = RunSettings.of(dataSettings, s, optimization, train, validation, privacy, poisson,
        earlyStopping, new RunSettings.Summation(shuffleWindow, fanout, float32Wire, precision));
    RunProgress run = new RunProgress(t.numLayers());
    if (resumeFrom != null) {
      resume(resumeFrom, settings, rule, params);
      run.restore(resumeFrom, ledger);
      update.restoreRate(resumeFrom.lastRate());
    }
    StepEngine e = engine != null ? engine : StepEngine.fromConf(sc.getConf());
    try (Stepper stepper = new Stepper(sc, batches, t.numParams(), e, fanout, float32Transfer(),
        precision == Precision.FLOAT32, listener::onMessage)) {
      loop(train, validation, s, listener, params, batches, stepper, ledger, rule, update, settings, run, targets,
          trainView, valView);
    }
    sc.setJobDescription(null);
    double seconds = run.wallSeconds(System.nanoTime());
    if (run.best != null) {
      System.arraycopy(run.best, 0, params, 0, params.length);
      return new TrainResult(params, run.history, seconds, run.bestEpoch);
    }
    double[] kept = dataUnits(targets, t, params);
    System.arraycopy(kept, 0, params, 0, params.length);
    return new TrainResult(params, run.history, seconds);
  }

  /** The epochs and their steps. */
  private void loop(TrainingSet train, TrainingSet validation, TrainSettings s, TrainingListener listener,
      double[] params, Batches batches, Stepper stepper, PrivacyLedger ledger, Optimization.Run rule,
      StepUpdate update, RunSettings settings, RunProgress run, TargetScaling targets, Broadcast<DataView> trainView,
      Broadcast<DataView> valView) {
    Topology t = s.topology();
    int steps = batches.stepsPerEpoch();
    double lossFactor = targets == null ? 1 : targets.lossFactor();
    for (int epoch = run.firstEpoch; epoch <= s.epochs(); epoch++) {
      String stop = ledger == null ? null : ledger.stopBefore(epoch);
      if (stop != null) {
        listener.onMessage(stop);
        break;
      }
      long epochStart = System.nanoTime();
      run.startEpoch(epoch);
      for (int step = epoch == run.firstEpoch ? run.firstStep : 1; step <= steps; step++) {
        long global = (long) (epoch - 1) * steps + step;
        sc.setJobDescription("nabla epoch " + epoch + "/" + s.epochs() + " step " + step + "/" + steps);
        StepSums sums = stepper.step(params, epoch - 1, step - 1, () -> update.prepare(global - 1));
        GradientSum sum = sums.sum();
        if (sum.count == 0 && batches.skipsEmptySteps()) {
          continue;
        }
        double[] norms = update.apply(sums, batches.divisor(sum), params, epoch, step, global - 1, stepper.split());
        run.addStep(sum, norms);
        if (checkpoints != null && !checkpoints.perEpoch() && global % checkpoints.every() == 0) {
          checkpoints.save(run.checkpoint(epoch - 1, step, settings, params, rule.optimizer(), rule.schedule(),
              update.rate()), global);
        }
        double meanLoss = batches.skipsEmptySteps() ? sum.lossSum * (1.0 / sum.count)
            : sum.lossSum / Math.max(1, sum.count);
        listener.onStep(new StepMetrics(epoch, step, global, meanLoss * lossFactor, sum.count, update.rate(), norms));
      }
      StepTraffic traffic = stepper.endEpoch();
      double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
      double[] inDataUnits = dataUnits(targets, t, params);
      Map<String, Double> val = evaluate(validation, valView, t, inDataUnits, epoch, s.epochs(), stepper);
      if (val.containsKey("loss")) {
        rule.schedule().onValidationLoss(val.get("loss"));
      }
      List<LayerHealth> health = diagnostics
          ? health(train, trainView, t, params, epoch, s.epochs(), run, stepper) : List.of();
      long now = System.nanoTime();
      EpochMetrics m = new EpochMetrics(epoch, run.meanLoss() * lossFactor, val, update.rate(), run.samples / trainSeconds,
          (now - epochStart) / 1e9, run.wallSeconds(now), health,
          ledger == null ? Double.NaN : ledger.epsilonAfter(epoch), traffic);
      run.history.add(m);
      listener.onEpoch(m);
      if (earlyStopping != null && run.shouldStop(earlyStopping, val, epoch, inDataUnits)) {
        break;
      }
      if (checkpoints != null && checkpoints.perEpoch() && epoch % checkpoints.every() == 0) {
        checkpoints.save(run.checkpoint(epoch, 0, settings, params, rule.optimizer(), rule.schedule(),
            update.rate()), (long) epoch * steps);
      }
    }
  }

  /** The step job: fixed-size shuffled batches, or Poisson-sampled ones (clipped per sample under DP). */
  private Batches batches(TrainingSet train, Broadcast<DataView> view, TrainSettings s, PoissonSampling sampling) {
    if (sampling != null) {
      return new PoissonStepJob(train.data().groups(), view, s.topology(), sampling,
          privacy == null ? Double.NaN : privacy.clip(), s.dropout(), s.dropoutSeed(), fanout, precision,
          float32Transfer());
    }
    BatchSchedule schedule = new BatchSchedule(train.rows(), s.batchSize(), s.batchSeed(), windowRows(train),
        train.data().layout().chunkRows());
    return new StepJob(train.data().groups(), view, s.topology(), schedule, s.dropout(), s.dropoutSeed(), fanout,
        precision, float32Transfer());
  }

  /** Checks that the checkpoint is of this run and restores the parameters, optimizer and schedule. */
  private static void resume(Checkpoint c, RunSettings settings, Optimization.Run rule, double[] params) {
    settings.requireSameAs(c.settings());
    Optimizer optimizer = rule.optimizer();
    System.arraycopy(c.params(), 0, params, 0, params.length);
    optimizer.restoreState(c.optimizerState());
    rule.schedule().restoreState(c.scheduleState());
  }

  /** θ in data units: with the target scaling folded into the output layer (a copy), or θ itself without one. */
  private static double[] dataUnits(TargetScaling targets, Topology t, double[] params) {
    return targets == null ? params : targets.fold(t, params);
  }

  /**
   * The validation metrics of the parameters (empty without validation data): in this JVM while a local stream is open
   * (its slots stay taken for the next epoch), else one Spark job.
   */
  private Map<String, Double> evaluate(TrainingSet validation, Broadcast<DataView> view, Topology t, double[] params,
      int epoch, int epochs, Stepper stepper) {
    if (validation == null) {
      return Map.of();
    }
    org.apache.spark.TaskContext context = stepper.localContext();
    if (context != null) {
      return Evaluation.summary(validation, view.value(), params, t, precision, stepper.split(), context);
    }
    stepper.freeSlots();
    sc.setJobDescription("nabla epoch " + epoch + "/" + epochs + " evaluation");
    Broadcast<double[]> bc = sc.broadcast(params);
    try {
      return Evaluation.summary(validation, view, bc, t, precision);
    } finally {
      bc.destroy();
    }
  }

  /**
   * Per-layer RMS gradient norms of the epoch and the {@link HealthProbe}'s saturation, layer 1 first: in this JVM over
   * the open local stream's partitions, else as a Spark job.
   */
  private List<LayerHealth> health(TrainingSet train, Broadcast<DataView> view, Topology t, double[] params, int epoch,
      int epochs, RunProgress run, Stepper stepper) {
    org.apache.spark.TaskContext context = stepper.localContext();
    Saturation sat;
    if (context != null) {
      sat = HealthProbe.measure(train.data(), view.value(), params, t, train.rows(), stepper.split(), context);
    } else {
      stepper.freeSlots();
      sc.setJobDescription("nabla epoch " + epoch + "/" + epochs + " diagnostics");
      Broadcast<double[]> bc = sc.broadcast(params);
      try {
        sat = HealthProbe.measure(train.data().groups(), view, bc, t, train.rows());
      } finally {
        bc.destroy();
      }
    }
    List<LayerHealth> out = new ArrayList<>();
    for (int l = 1; l <= t.numLayers(); l++) {
      double rms = run.normSteps == 0 ? Double.NaN : Math.sqrt(run.normSquares[l - 1] / run.normSteps);
      out.add(new LayerHealth(l, t.activation(l).name(), rms,
          sat.measure(l).name().toLowerCase(java.util.Locale.ROOT), sat.fraction(l)));
    }
    return out;
  }
}
