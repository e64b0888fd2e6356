package dev.nabla.bench;

import dev.nabla.nn.Init;
import dev.nabla.nn.Precision;
import dev.nabla.nn.Sigmoid;
import dev.nabla.report.EpochMetrics;
import dev.nabla.report.TrainingListener;
import dev.nabla.train.TrainSettings;
import dev.nabla.train.Optimization;
import dev.nabla.train.StepEngine;
import dev.nabla.train.Trainer;
import dev.nabla.train.TrainingSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Section 2 of the Spark benchmark: Nabla's time to a test accuracy. The {@link Trainer} fits
 * 784-128(sigmoid)-10(softmax) with cross-entropy and the chosen optimizer and schedule, with the test set as its validation
 * set, so every epoch ends with a distributed evaluation (and, only with {@code --nabla-diagnostics}, the saturation
 * probe's job: the peers compute no diagnostics, so by default neither does the race); the time to target is
 * {@link EpochMetrics#wallSeconds()} of the first epoch whose test accuracy reaches it: from the start
 * of the fit (data already packed and cached) to the end of that epoch's evaluation. The fit is stopped
 * there by the listener (an exception the Trainer does not catch, thrown after the epoch is complete).
 */
final class NablaRace {
  private NablaRace() {
  }

  /**
   * The outcome of one fit.
   *
   * @param history every epoch run, in order
   * @param reached whether the last epoch reached the target (else the fit ran out of epochs)
   */
  record Result(TrainSettings settings, String optimizer, Precision precision, double target,
      List<EpochMetrics> history, boolean reached, boolean diagnostics) {
    Result {
      history = List.copyOf(history);
      if (history.isEmpty()) {
        throw new IllegalArgumentException("history is empty: the fit ran no epoch");
      }
    }

    EpochMetrics last() {
      return history.get(history.size() - 1);
    }

    /** Seconds from the start of the fit to the end of the first epoch at the target; NaN if not reached. */
    double secondsToTarget() {
      return reached ? last().wallSeconds() : Double.NaN;
    }
  }

  /** The initialisation of the race: Nabla's default for a sigmoid hidden layer (Glorot uniform). */
  static final Init INIT = Init.defaultFor(new Sigmoid());

  /** The benchmark's settings: the MNIST topology of {@link CoreBench}, the given init, a fixed seed. */
  static TrainSettings settings(Init init, int batchSize, double learningRate, int maxEpochs) {
    return new TrainSettings(CoreBench.mnistTopology(), init, learningRate, batchSize, maxEpochs, CoreBench.SEED);
  }

  /**
   * The section's table: one row per epoch run, then the time to target; {@code jobs} (may be null) is the
   * same race with one Spark job per step, for comparison.
   */
  static Section section(Result r, Result jobs, int workers) {
    TrainSettings s = r.settings();
    Section out = new Section("nabla", "2. Nabla (784-128-10 sigmoid/softmax, cross-entropy, " + r.optimizer() + ", batch " + s.batchSize()
        + ", learning rate " + s.learningRate() + ", " + r.precision().cliName() + ", local[" + workers + "])", "epoch", "test accuracy",
        "epoch time (evaluation included)", "wall time since fit start", "training samples/s");
    List<Object> epochs = new ArrayList<>();
    for (EpochMetrics m : r.history()) {
      double acc = m.validationMetric("accuracy");
      out.row(m.epoch(), Section.num("%.4f", acc), Section.s(m.epochSeconds()), Section.s(m.wallSeconds()),
          Section.num("%.0f", m.samplesPerSecond()));
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("epoch", m.epoch());
      e.put("test_accuracy", acc);
      e.put("epoch_s", m.epochSeconds());
      e.put("wall_s", m.wallSeconds());
      e.put("samples_per_s", m.samplesPerSecond());
      epochs.add(e);
    }
    out.note("Per-epoch diagnostics (saturation probe): " + (r.diagnostics() ? "on (--nabla-diagnostics)" : "off, as "
        + "the peers compute none (--nabla-diagnostics turns them on, as before 2026-11-30)") + ".");
    out.note("Nabla time to " + r.target() + ": " + (r.reached() ? Section.s(r.secondsToTarget()) + " (epoch "
        + r.last().epoch() + ")" : "not reached in " + r.history().size() + " epochs") + ": wall time from the start "
        + "of fit (data packed and cached before) to the end of that epoch's test-set evaluation. Batch size and "
        + "learning rate chosen with SgdGrid (docs/performance.md); the epochs also set the schedule's length; " + SparkBench.WARMUP_EPOCHS
        + " untimed warm-up epochs over the training set ran first (MLlib's warm-up: 3 iterations).");
    if (jobs != null) {
      out.note("The same race with one Spark job per step (`--step-engine jobs`) instead of the default step stream: "
          + (jobs.reached() ? Section.s(jobs.secondsToTarget()) + " (epoch " + jobs.last().epoch() + ", test accuracy "
          + Section.num("%.4f", jobs.last().validationMetric("accuracy")) + ")" : "not reached in "
          + jobs.history().size() + " epochs") + ".");
      out.put("seconds_to_target_jobs", jobs.reached() ? jobs.secondsToTarget() : null);
    }
    out.put("step_engine", "stream");
    out.put("precision", r.precision().cliName());
    out.put("diagnostics", r.diagnostics());
    out.put("batch", s.batchSize());
    out.put("learning_rate", s.learningRate());
    out.put("optimizer", r.optimizer());
    out.put("epochs", epochs);
    out.put("seconds_to_target", r.reached() ? r.secondsToTarget() : null);
    out.put("reached", r.reached());
    return out;
  }

  /** Fits until the first epoch with test accuracy ≥ target, or {@code s.epochs()} epochs. */
  static Result run(JavaSparkContext sc, TrainingSet train, TrainingSet test, TrainSettings s,
      Optimization optimization, double target, StepEngine engine, Precision precision, boolean diagnostics) {
    List<EpochMetrics> history = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override public void onMessage(String line) {
        System.err.println("trainer: " + line);
      }

      @Override public void onEpoch(EpochMetrics m) {
        history.add(m);
        if (m.validationMetric("accuracy") >= target) {
          throw new TargetReached();
        }
      }
    };
    try {
      new Trainer(sc).shuffleWindow(Mnist.WINDOW).stepEngine(engine).precision(precision).diagnostics(diagnostics)
          .fit(train, test, s, optimization, listener);
    } catch (TargetReached stop) {
      return new Result(s, describe(optimization), precision, target, history, true, diagnostics);
    }
    return new Result(s, describe(optimization), precision, target, history, false, diagnostics);
  }

  /** E.g. "adam, cosine schedule over 3 epochs". */
  private static String describe(Optimization o) {
    return o.optimizer() + ", " + o.schedule().schedule() + " learning rate";
  }

  /** Ends a fit from its listener once the target accuracy is reached. */
  private static final class TargetReached extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TargetReached() {
      super("target accuracy reached", null, false, false);
    }
  }
}
