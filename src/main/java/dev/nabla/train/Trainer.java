package dev.nabla.train;

import dev.nabla.nn.GradientSum;
import dev.nabla.nn.LayerNorms;
import dev.nabla.nn.Saturation;
import dev.nabla.nn.Topology;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.Optimizer;
import dev.nabla.privacy.PrivacyConfig;
import dev.nabla.report.EpochMetrics;
import dev.nabla.report.LayerHealth;
import dev.nabla.report.StepMetrics;
import dev.nabla.report.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The synchronous data-parallel loop. Per step: broadcast θ, run the {@link StepJob} (each partition's
 * gradient SUM over its share of the batch, combined in partition order), divide once by the batch's
 * sample count, check for divergence, let the optimizer update θ on the driver, destroy the broadcast.
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
 */
public final class Trainer {
  private final JavaSparkContext sc;
  private EarlyStopping earlyStopping;
  private Checkpoints checkpoints;
  private Checkpoint resumeFrom;
  private boolean diagnostics = true;
  private PrivacyConfig privacy;
  private boolean poisson;

  public Trainer(JavaSparkContext sc) {
    this.sc = sc;
  }

  /** Saves checkpoints as the policy says (null: none). */
  public Trainer checkpoints(Checkpoints store) {
    this.checkpoints = store;
    return this;
  }

  /**
   * Continues the run a checkpoint was taken from (null: start fresh); the run must have the same
   * topology, data size, batch size, seed, epochs and optimizer, and then ends with the parameters an
   * uninterrupted run would have, bit for bit.
   */
  public Trainer resumeFrom(Checkpoint checkpoint) {
    this.resumeFrom = checkpoint;
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

  /** Trains from the given parameters (modified in place and returned in the result). */
  public TrainResult fit(TrainingSet train, TrainingSet validation, TrainSettings s, Optimization optimization,
      TrainingListener listener, double[] params) {
    Topology t = s.topology();
    String runId = UUID.randomUUID().toString();
    boolean sampled = poisson || privacy != null;
    PoissonSampling sampling = sampled ? new PoissonSampling(train.rows(), s.batchSize(), s.batchSeed()) : null;
    StepJob job = null;
    PoissonStepJob poissonJob = null;
    int steps;
    if (sampled) {
      steps = sampling.stepsPerEpoch();
      poissonJob = new PoissonStepJob(train.blocks(), t, sampling, runId, privacy == null ? Double.NaN : privacy.clip(),
          s.dropout(), s.dropoutSeed());
    } else {
      BatchSchedule schedule = new BatchSchedule(train.rows(), s.batchSize(), s.batchSeed());
      steps = schedule.stepsPerEpoch();
      job = new StepJob(train.blocks(), t, schedule, runId, s.dropout(), s.dropoutSeed());
    }
    PrivacyLedger ledger = privacy == null ? null : new PrivacyLedger(privacy, sampling, s.noiseSeed());
    if (ledger != null) {
      ledger.checkTargetReachable();
    }
    Optimization.Run rule = optimization.start(t, s.learningRate(), steps, (long) steps * s.epochs());
    Optimizer optimizer = rule.optimizer();
    listener.onStart(t + ", " + train.rows() + " rows, " + (sampled ? "Poisson-sampled batches of mean " : "batch ")
        + s.batchSize(), s.epochs(), steps);
    if (ledger != null) {
      listener.onMessage(ledger.describe());
    }
    double[] mean = new double[t.numParams()];
    Divergence divergence = new Divergence(t, s.epochs(), steps, s.learningRate());
    List<EpochMetrics> history = new ArrayList<>();
    if (earlyStopping != null && validation == null) {
      throw new IllegalArgumentException("early stopping needs validation data: give --validation or --validation-fraction");
    }
    double[] best = null;
    double bestValue = Double.NaN;
    int bestEpoch = 0;
    long start = System.nanoTime();
    long[] fingerprint = privacy == null && !poisson ? new long[] {t.numParams(), train.rows(), s.batchSize(), s.seed(),
        s.epochs()} : new long[] {t.numParams(), train.rows(), s.batchSize(), s.seed(), s.epochs(), -1,
        privacy == null ? 0 : Double.doubleToLongBits(privacy.clip()),
        privacy == null ? 0 : Double.doubleToLongBits(privacy.noiseMultiplier())};
    int firstEpoch = 1;
    int firstStep = 1;
    double lossSum = 0;
    long samples = 0;
    double rate = Double.NaN;
    double[] normSquares = new double[t.numLayers()];
    int normSteps = 0;
    Checkpoint c = resumeFrom;
    if (c != null) {
      if (!java.util.Arrays.equals(c.fingerprint(), fingerprint) || !c.optimizer().equals(optimizer.name())) {
        throw new IllegalArgumentException("--resume: the checkpoint is of another run (parameters, rows, batch size, "
            + "seed, epochs " + java.util.Arrays.toString(c.fingerprint()) + ", optimizer " + c.optimizer()
            + "; this run " + java.util.Arrays.toString(fingerprint) + ", " + optimizer.name()
            + "); resume with the same settings and data");
      }
      System.arraycopy(c.params(), 0, params, 0, params.length);
      optimizer.restoreState(c.optimizerState());
      rule.schedule().restoreState(c.scheduleState());
      for (EpochMetrics m : c.history()) {
        history.add(ledger == null ? m : m.withEpsilon(ledger.epsilonAfter(m.epoch())));
      }
      best = c.best();
      bestValue = c.bestValue();
      bestEpoch = c.bestEpoch();
      firstEpoch = c.epoch() + 1;
      firstStep = c.step() + 1;
      lossSum = c.epochLossSum();
      samples = c.epochSamples();
      rate = c.lastRate();
      start -= (long) (c.wallSeconds() * 1e9);
    }
    for (int epoch = firstEpoch; epoch <= s.epochs(); epoch++) {
      String stop = ledger == null ? null : ledger.stopBefore(epoch);
      if (stop != null) {
        listener.onMessage(stop);
        break;
      }
      long epochStart = System.nanoTime();
      if (epoch != firstEpoch) {
        lossSum = 0;
        samples = 0;
      }
      java.util.Arrays.fill(normSquares, 0);
      normSteps = 0;
      for (int step = epoch == firstEpoch ? firstStep : 1; step <= steps; step++) {
        sc.setJobDescription("nabla epoch " + epoch + "/" + s.epochs() + " step " + step + "/" + steps);
        Broadcast<byte[]> bc = sc.broadcast(StepJob.encodeParams(params));
        GradientSum sum;
        try {
          sum = sampled ? poissonJob.run(bc, epoch - 1, step - 1) : job.run(bc, epoch - 1, step - 1);
        } finally {
          bc.destroy();
        }
        if (sum.count == 0 && !sampled) {
          continue;
        }
        if (ledger != null) {
          ledger.addNoise(sum.gradient, (long) (epoch - 1) * steps + (step - 1));
        }
        double inv = 1.0 / (sampled ? sampling.expectedBatchSize() : sum.count);
        divergence.meanAndCheck(sum.lossSum, sum.gradient, inv, mean, params, epoch, step);
        double[] norms = LayerNorms.weightNorms(t, mean);
        for (int l = 0; l < norms.length; l++) {
          normSquares[l] += norms[l] * norms[l];
        }
        normSteps++;
        if (!rule.regularization().isNone()) {
          rule.regularization().addGradient(params, mean);
        }
        if (rule.clipping().mode() != Clipping.Mode.NONE) {
          rule.clipping().apply(mean);
        }
        rate = rule.schedule().rate(optimizer.steps());
        optimizer.step(params, mean, rate);
        divergence.checkParams(params, epoch, step);
        lossSum += sum.lossSum;
        samples += sum.count;
        if (checkpoints != null && !checkpoints.perEpoch()
            && ((long) (epoch - 1) * steps + step) % checkpoints.every() == 0) {
          checkpoints.save(new Checkpoint(epoch - 1, step, fingerprint, params, optimizer.name(), optimizer.state(),
              rule.schedule().state(), lossSum, samples, rate, best, bestValue, bestEpoch, history,
              (System.nanoTime() - start) / 1e9), (long) (epoch - 1) * steps + step);
        }
        double meanLoss = sampled ? sum.lossSum / Math.max(1, sum.count) : sum.lossSum * inv;
        listener.onStep(new StepMetrics(epoch, step, (long) (epoch - 1) * steps + step, meanLoss, sum.count, rate,
            norms));
      }
      double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
      sc.setJobDescription("nabla epoch " + epoch + "/" + s.epochs() + " evaluation");
      Map<String, Double> val = Map.of();
      if (validation != null) {
        Broadcast<double[]> bc = sc.broadcast(params);
        try {
          val = Evaluation.summary(validation, bc, t);
        } finally {
          bc.destroy();
        }
      }
      if (val.containsKey("loss")) {
        rule.schedule().onValidationLoss(val.get("loss"));
      }
      List<LayerHealth> health = diagnostics ? health(train, t, params, epoch, s.epochs(), normSquares, normSteps)
          : List.of();
      long now = System.nanoTime();
      EpochMetrics m = new EpochMetrics(epoch, lossSum / Math.max(1, samples), val, rate,
          samples / trainSeconds, (now - epochStart) / 1e9, (now - start) / 1e9, health,
          ledger == null ? Double.NaN : ledger.epsilonAfter(epoch));
      history.add(m);
      listener.onEpoch(m);
      if (earlyStopping != null) {
        double v = earlyStopping.valueIn(val);
        if (best == null || earlyStopping.improves(v, bestValue)) {
          best = params.clone();
          bestValue = v;
          bestEpoch = epoch;
        } else if (epoch - bestEpoch >= earlyStopping.patience()) {
          break;
        }
      }
      if (checkpoints != null && checkpoints.perEpoch() && epoch % checkpoints.every() == 0) {
        checkpoints.save(new Checkpoint(epoch, 0, fingerprint, params, optimizer.name(), optimizer.state(),
            rule.schedule().state(), 0, 0, rate, best, bestValue, bestEpoch, history,
            (System.nanoTime() - start) / 1e9), (long) epoch * steps);
      }
    }
    sc.setJobDescription(null);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (best != null) {
      System.arraycopy(best, 0, params, 0, params.length);
      return new TrainResult(params, history, seconds, bestEpoch);
    }
    return new TrainResult(params, history, seconds);
  }

  /** Per-layer RMS gradient norms of the epoch and the {@link HealthProbe}'s saturation, layer 1 first. */
  private List<LayerHealth> health(TrainingSet train, Topology t, double[] params, int epoch, int epochs,
      double[] normSquares, int normSteps) {
    sc.setJobDescription("nabla epoch " + epoch + "/" + epochs + " diagnostics");
    Broadcast<double[]> bc = sc.broadcast(params);
    Saturation sat;
    try {
      sat = HealthProbe.measure(train.blocks(), bc, t, train.rows());
    } finally {
      bc.destroy();
    }
    List<LayerHealth> out = new ArrayList<>();
    for (int l = 1; l <= t.numLayers(); l++) {
      double rms = normSteps == 0 ? Double.NaN : Math.sqrt(normSquares[l - 1] / normSteps);
      out.add(new LayerHealth(l, t.activation(l).name(), rms,
          sat.measure(l).name().toLowerCase(java.util.Locale.ROOT), sat.fraction(l)));
    }
    return out;
  }
}
