package dev.nabla.train;

import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Topology;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.Split;

/**
 * The driver's side of one step, from the batch's gradient SUM to the new parameters: DP noise on the SUM
 * (when private), the MEAN gradient g = SUM / divisor checked for NaN/Inf and the per-layer
 * norms of g in the same pass (the data-loss gradient, before penalty and clipping), the L1/L2 penalty's gradient, clipping,
 * the optimizer's update at the schedule's rate, and a check of the new parameters.
 */
final class StepUpdate {
  private final Topology topology;
  private final Optimization.Run rule;
  private final Divergence divergence;
  private final PrivacyLedger ledger;
  private final double[] mean;
  private double rate = Double.NaN;

  /** @param ledger null when the run is not differentially private */
  StepUpdate(Topology topology, Optimization.Run rule, Divergence divergence, PrivacyLedger ledger) {
    this.topology = topology;
    this.rule = rule;
    this.divergence = divergence;
    this.ledger = ledger;
    this.mean = new double[topology.numParams()];
  }

  /**
   * What can run while the tasks of global step {@code globalStep} (0-based) compute: drawing the step's DP
   * noise (it does not depend on the gradient). Optional: {@link #apply} draws it otherwise.
   */
  void prepare(long globalStep) {
    if (ledger != null) {
      ledger.prepareNoise(globalStep, topology.numParams());
    }
  }

  /**
   * Updates {@code params} in place from the step's SUM ({@code sum.gradient} gets the noise, if any);
   * returns ‖g_W^l‖ for each layer, layer 1 first.
   *
   * @param globalStep 0-based step of the run (seeds the DP noise)
   * @throws DivergenceException naming the epoch, step and layer when something is not finite
   */
  double[] apply(GradientSum sum, double divisor, double[] params, int epoch, int step, long globalStep) {
    return apply(sum, divisor, params, epoch, step, globalStep, Split.SERIAL);
  }

  /**
   * As {@link #apply(GradientSum, double, double[], int, int, long)}, the optimizer's update run through {@code
   * split}.
   */
  double[] apply(GradientSum sum, double divisor, double[] params, int epoch, int step, long globalStep, Split split) {
    if (ledger != null) {
      ledger.addNoise(sum.gradient, globalStep);
    }
    double[] norms = divergence.meanAndCheck(sum.lossSum, sum.gradient, 1.0 / divisor, mean, params, epoch, step);
    if (!rule.regularization().isNone()) {
      rule.regularization().addGradient(params, mean);
    }
    if (rule.clipping().mode() != Clipping.Mode.NONE) {
      rule.clipping().apply(mean);
    }
    rate = rule.schedule().rate(rule.optimizer().steps());
    CheckedSplit checked = new CheckedSplit(split, params);
    rule.optimizer().step(params, mean, rate, checked);
    if (!checked.allFinite()) {
      divergence.checkParams(params, epoch, step);
    }
    return norms;
  }

  /**
   * The optimizer's split with the finiteness check of the new parameters in each range, while it is in cache (one
   * pass less); an optimizer that does not run its update through the split leaves entries unchecked, and then the
   * whole array is checked after it.
   */
  private static final class CheckedSplit implements Split {
    private final Split split;
    private final double[] params;
    private final java.util.concurrent.atomic.AtomicLong checked = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean nonFinite;

    CheckedSplit(Split split, double[] params) {
      this.split = split;
      this.params = params;
    }

    @Override public void run(int n, Range body) {
      split.run(n, (from, to) -> {
        body.run(from, to);
        if (n == params.length) {
          if (!Divergence.allFinite(params, from, to)) {
            nonFinite = true;
          }
          checked.addAndGet(to - from);
        }
      });
    }

    /** Whether every parameter was checked, and finite; false sends the caller to the full check. */
    boolean allFinite() {
      return !nonFinite && checked.get() == params.length;
    }
  }

  /** The learning rate of the last update (NaN before the first). */
  double rate() {
    return rate;
  }

  /** Restores the last rate from a checkpoint. */
  void restoreRate(double lastRate) {
    this.rate = lastRate;
  }
}
