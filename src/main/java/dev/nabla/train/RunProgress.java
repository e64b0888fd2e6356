package dev.nabla.train;

import dev.nabla.nn.GradientSum;
import dev.nabla.optim.LearningRateSchedule;
import dev.nabla.optim.Optimizer;
import dev.nabla.report.EpochMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping of one run between steps: where it is (the first epoch and step to run, after a
 * resume), the running epoch's loss SUM and sample count, its per-layer sums of squared gradient norms,
 * early stopping's best epoch, the metrics history and the wall clock. It is what a {@link Checkpoint}
 * stores besides the parameters and the optimizer's and schedule's state.
 */
final class RunProgress {
  int firstEpoch = 1;
  int firstStep = 1;
  double lossSum;
  long samples;
  final double[] normSquares;
  int normSteps;
  double[] best;
  double bestValue = Double.NaN;
  int bestEpoch;
  final List<EpochMetrics> history = new ArrayList<>();
  private long start = System.nanoTime();

  RunProgress(int numLayers) {
    this.normSquares = new double[numLayers];
  }

  /** Continues from a checkpoint: cursor, partial sums, best, history (with ε recomputed when private), clock. */
  void restore(Checkpoint c, PrivacyLedger ledger) {
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
    start -= (long) (c.wallSeconds() * 1e9);
  }

  /** Resets the epoch's sums, except for the partial epoch a resumed run continues. */
  void startEpoch(int epoch) {
    if (epoch != firstEpoch) {
      lossSum = 0;
      samples = 0;
    }
    Arrays.fill(normSquares, 0);
    normSteps = 0;
  }

  /** Counts a step: its loss SUM, samples and per-layer gradient norms. */
  void addStep(GradientSum sum, double[] norms) {
    lossSum += sum.lossSum;
    samples += sum.count;
    for (int l = 0; l < norms.length; l++) {
      normSquares[l] += norms[l] * norms[l];
    }
    normSteps++;
  }

  /** The MEAN training loss of the epoch so far. */
  double meanLoss() {
    return lossSum / Math.max(1, samples);
  }

  /** Seconds since training began (across a resume). */
  double wallSeconds(long nowNanos) {
    return (nowNanos - start) / 1e9;
  }

  /**
   * Early stopping after an epoch: remembers the parameters when the watched metric improved; returns
   * whether the run should stop (no improvement for {@code rule.patience()} epochs).
   */
  boolean shouldStop(EarlyStopping rule, Map<String, Double> validation, int epoch, double[] params) {
    double v = rule.valueIn(validation);
    if (best == null || rule.improves(v, bestValue)) {
      best = params.clone();
      bestValue = v;
      bestEpoch = epoch;
      return false;
    }
    return epoch - bestEpoch >= rule.patience();
  }

  /**
   * The checkpoint of this moment.
   *
   * @param epoch 0-based epoch of the next step
   * @param step 0-based next step within it (0 at an epoch's end, whose partial sums are then empty)
   */
  Checkpoint checkpoint(int epoch, int step, RunSettings settings, double[] params, Optimizer optimizer,
      LearningRateSchedule schedule, double lastRate) {
    boolean epochEnd = step == 0;
    return new Checkpoint(epoch, step, settings, params, optimizer.state(), schedule.state(),
        epochEnd ? 0 : lossSum, epochEnd ? 0 : samples, lastRate, best, bestValue, bestEpoch, history,
        wallSeconds(System.nanoTime()));
  }
}
