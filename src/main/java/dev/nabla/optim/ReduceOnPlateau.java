package dev.nabla.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reduce the rate when the validation loss stops improving (as Keras' {@code ReduceLROnPlateau}).
 * After each epoch, {@link #onValidationLoss}: the loss improves if it is below the best so far by
 * more than minDelta (strictly: with minDelta = 0 any decrease counts, an equal loss does not); otherwise the epoch counts as bad (a NaN loss is bad), and after {@code patience}
 * bad epochs in a row the rate becomes max(rate · factor, minRate) and the count starts again. The rate
 * does not depend on the step. Defaults factor = {@value #DEFAULT_FACTOR}, patience =
 * {@value #DEFAULT_PATIENCE}, minDelta = {@value #DEFAULT_MIN_DELTA}, minRate = {@value #DEFAULT_MIN_RATE}.
 * State: {@code rate}, {@code best}, {@code badEpochs}.
 */
public final class ReduceOnPlateau implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;

  /** The default factor applied on a plateau. */
  public static final double DEFAULT_FACTOR = 0.1;
  /** The default number of bad epochs in a row before a reduction. */
  public static final int DEFAULT_PATIENCE = 10;
  /** The default improvement (absolute, in loss units) that counts. */
  public static final double DEFAULT_MIN_DELTA = 1e-4;
  /** The default floor of the rate. */
  public static final double DEFAULT_MIN_RATE = 0.0;

  private static final Set<String> KEYS = Set.of("rate", "best", "badEpochs");

  private final double factor;
  private final int patience;
  private final double minDelta;
  private final double minRate;
  private double rate;
  private double best = Double.POSITIVE_INFINITY;
  private int badEpochs;

  /**
   * @param initial η0 &gt; 0
   * @param factor in (0, 1)
   * @param patience ≥ 1 bad epochs
   * @param minDelta ≥ 0
   * @param minRate in [0, η0)
   */
  public ReduceOnPlateau(double initial, double factor, int patience, double minDelta, double minRate) {
    this.rate = Check.positive("learning-rate", initial);
    this.factor = Check.openUnitInterval("lr-decay", factor);
    this.patience = (int) Check.atLeast("plateau-patience", patience, 1);
    this.minDelta = Check.nonNegative("plateau-min-delta", minDelta);
    this.minRate = Check.nonNegative("lr-min", minRate);
    if (minRate >= initial) {
      throw new IllegalArgumentException("lr-min must be below the learning rate " + initial + ", got " + minRate);
    }
  }

  /** The current rate, whatever the step. */
  @Override public double rate(long step) {
    Check.stepIndex(step);
    return rate;
  }

  @Override public void onValidationLoss(double loss) {
    if (loss < best - minDelta) {
      best = loss;
      badEpochs = 0;
    } else if (++badEpochs >= patience) {
      rate = Math.max(rate * factor, minRate);
      badEpochs = 0;
    }
  }

  @Override public Map<String, double[]> state() {
    Map<String, double[]> s = new LinkedHashMap<>();
    s.put("rate", new double[] {rate});
    s.put("best", new double[] {best});
    s.put("badEpochs", new double[] {badEpochs});
    return s;
  }

  @Override public void restoreState(Map<String, double[]> state) {
    String owner = "plateau schedule";
    StateMaps.requireKeys(owner, state, KEYS);
    double r = StateMaps.scalar(owner, state, "rate");
    double b = StateMaps.scalar(owner, state, "best");
    double bad = StateMaps.scalar(owner, state, "badEpochs");
    if (!(r >= minRate && r > 0) || Double.isInfinite(r)) {
      throw new IllegalArgumentException(owner + " state 'rate' must be positive, finite and >= lr-min " + minRate
          + ", got " + r);
    }
    if (!(bad >= 0 && bad < patience) || bad != Math.rint(bad)) {
      throw new IllegalArgumentException(owner + " state 'badEpochs' must be a whole number in [0, " + patience
          + "), got " + bad);
    }
    rate = r;
    best = b;
    badEpochs = (int) bad;
  }
}
