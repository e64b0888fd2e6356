package dev.nabla.optim;

/**
 * Cosine annealing from η0 to η_min (Loshchilov &amp; Hutter 2017, "SGDR: Stochastic gradient descent
 * with warm restarts", ICLR, arXiv:1608.03983, eq. 5): within a cycle of T_i steps, at step t_cur of
 * it,
 * <pre>
 *   η = η_min + ½ (η0 − η_min) (1 + cos(π t_cur / T_i))
 * </pre>
 * Without restarts there is one cycle of T steps, after which η stays at η_min. With warm restarts
 * the rate jumps back to η0 at every cycle boundary and T_i = T · mult^i (cycle i = 0, 1, …). Defaults
 * η_min = {@value #DEFAULT_MIN_RATE}, mult = {@value #DEFAULT_PERIOD_MULTIPLIER}.
 *
 * @param initial η0 &gt; 0
 * @param minRate η_min in [0, η0)
 * @param period T ≥ 1, the (first) cycle's length in steps
 * @param restarts whether to restart after each cycle
 * @param periodMultiplier mult ≥ 1, the growth of the cycle length per restart; 1 without restarts
 */
public record CosineAnnealing(double initial, double minRate, long period, boolean restarts, int periodMultiplier)
    implements LearningRateSchedule {

  /** The default η_min. */
  public static final double DEFAULT_MIN_RATE = 0.0;
  /** The default cycle-length multiplier. */
  public static final int DEFAULT_PERIOD_MULTIPLIER = 1;

  public CosineAnnealing {
    Check.positive("learning-rate", initial);
    Check.nonNegative("lr-min", minRate);
    if (minRate >= initial) {
      throw new IllegalArgumentException("lr-min must be below the learning rate " + initial + ", got " + minRate);
    }
    Check.atLeast("cosine-period", period, 1);
    Check.atLeast("cosine-mult", periodMultiplier, 1);
    if (!restarts && periodMultiplier != 1) {
      throw new IllegalArgumentException("cosine-mult applies to warm restarts only; got " + periodMultiplier
          + " without restarts (set a cosine-period to restart)");
    }
  }

  /** One cycle of {@code period} steps from η0 down to η_min, then η_min. */
  public static CosineAnnealing singleCycle(double initial, double minRate, long period) {
    return new CosineAnnealing(initial, minRate, period, false, 1);
  }

  /** SGDR: cycles of period · mult^i steps, each starting again at η0. */
  public static CosineAnnealing warmRestarts(double initial, double minRate, long period, int periodMultiplier) {
    return new CosineAnnealing(initial, minRate, period, true, periodMultiplier);
  }

  @Override public double rate(long step) {
    long cur = Check.stepIndex(step);
    long length = period;
    if (!restarts && cur >= length) {
      return minRate;
    }
    while (cur >= length) {
      cur -= length;
      length = length > Long.MAX_VALUE / periodMultiplier ? Long.MAX_VALUE : length * periodMultiplier;
    }
    return minRate + 0.5 * (initial - minRate) * (1 + StrictMath.cos(Math.PI * cur / length));
  }
}
