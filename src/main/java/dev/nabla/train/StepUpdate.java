package dev.nabla.train;

import dev.nabla.nn.GradientSum;
import dev.nabla.nn.LayerNorms;
import dev.nabla.nn.Topology;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.Split;
import dev.nabla.train.stream.StepSums;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver's side of one step, from the batch's gradient SUM to the new parameters: the SUMS' pending additions,
 * DP noise on the SUM (when private), the MEAN gradient g = SUM / divisor checked for NaN/Inf and the per-layer norms
 * of g in the same pass (the data-loss gradient, before penalty and clipping), the L1/L2 penalty's gradient,
 * clipping, the optimizer's update at the schedule's rate, and a check of the new parameters; without DP, penalty or
 * clipping all in one pass, block by block.
 */
final class StepUpdate {
  private final Topology topology;
  private final Optimization.Run rule;
  private final Divergence divergence;
  private final PrivacyLedger ledger;
  private final double[] mean;
  /** The one pass's norm shares, every entry written by its block each step. */
  private final double[] partials;
  private double rate = Double.NaN;

  /** @param ledger null when the run is not differentially private */
  StepUpdate(Topology topology, Optimization.Run rule, Divergence divergence, PrivacyLedger ledger) {
    this.topology = topology;
    this.rule = rule;
    this.divergence = divergence;
    this.ledger = ledger;
    this.mean = new double[topology.numParams()];
    this.partials = LayerNorms.newPartials(topology);
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
    return apply(StepSums.of(sum), divisor, params, epoch, step, globalStep, Split.SERIAL);
  }

  /**
   * As {@link #apply(GradientSum, double, double[], int, int, long)}, from SUMS whose additions may be pending, the
   * passes run through {@code blocks}: a split whose indices are the blocks of {@link LayerNorms#BLOCK} entries. Where
   * nothing between the mean and the optimizer looks at the whole gradient (no DP noise, penalty or clipping, an
   * optimizer that {@link dev.nabla.optim.Optimizer#updatesInRanges updates in ranges}), the step is one pass, block
   * by block: the pending additions, the mean, its norms and check, the update and the check of the new parameters,
   * each block's arrays read once while they are in cache. The same bits either way, however the blocks are split.
   */
  double[] apply(StepSums sums, double divisor, double[] params, int epoch, int step, long globalStep,
      Split blocks) {
    GradientSum sum = sums.sum();
    int n = params.length;
    Split entries = (count, body) -> blocks.run(LayerNorms.blocks(count),
        (from, to) -> body.run(from * LayerNorms.BLOCK, (int) Math.min(count, (long) to * LayerNorms.BLOCK)));
    if (!onePass(sum)) {
      if (sums.pending()) {
        entries.run(n, sums::fold);
      }
      return update(sum, divisor, params, epoch, step, globalStep, entries);
    }
    double inv = 1.0 / divisor;
    AtomicLong checked = new AtomicLong();
    AtomicBoolean nonFiniteGradient = new AtomicBoolean();
    AtomicBoolean nonFiniteParams = new AtomicBoolean();
    Split fused = (count, body) -> {
      if (count != n) {
        throw new IllegalStateException("an update over " + count + " entries of " + n);
      }
      blocks.run(LayerNorms.blocks(n), (first, end) -> {
        for (int b = first; b < end; b++) {
          int from = b * LayerNorms.BLOCK;
          int to = Math.min(n, from + LayerNorms.BLOCK);
          sums.fold(from, to);
          if (!LayerNorms.scaleAndNormsBlock(topology, sum.gradient, inv, mean, from, to, partials)) {
            nonFiniteGradient.set(true); // reported below, with the layer, before any other check
            continue;
          }
          body.run(from, to);
          if (!Divergence.allFinite(params, from, to)) {
            nonFiniteParams.set(true);
          }
          checked.addAndGet(to - from);
        }
      });
    };
    rate = rule.schedule().rate(rule.optimizer().steps());
    rule.optimizer().step(params, mean, rate, fused);
    if (nonFiniteGradient.get()) {
      divergence.checkGradient(sum.lossSum, mean, params, epoch, step);
    }
    if (nonFiniteParams.get() || checked.get() != n) {
      divergence.checkParams(params, epoch, step);
    }
    return LayerNorms.norms(topology, partials);
  }

  /** Whether the step can run as one pass: nothing between the mean and the update needs the whole gradient. */
  private boolean onePass(GradientSum sum) {
    return ledger == null && rule.regularization().isNone() && rule.clipping().mode() == Clipping.Mode.NONE
        && rule.optimizer().updatesInRanges() && Double.isFinite(sum.lossSum);
  }

  /** The step in passes over the whole gradient (its additions made), the update through {@code split}. */
  private double[] update(GradientSum sum, double divisor, double[] params, int epoch, int step, long globalStep,
      Split split) {
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
    private final AtomicLong checked = new AtomicLong();
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
