package dev.nabla.optim;

/** η(t) = η0 for every step. */
public record ConstantRate(double initial) implements LearningRateSchedule {

  /** @param initial η0 &gt; 0 */
  public ConstantRate {
    Check.positive("learning-rate", initial);
  }

  @Override public double rate(long step) {
    Check.stepIndex(step);
    return initial;
  }
}
