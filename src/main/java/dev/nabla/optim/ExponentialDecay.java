package dev.nabla.optim;

/**
 * Exponential decay: η(t) = η0 · γ^(t / k), a smooth decay by γ per k steps (TensorFlow's
 * {@code ExponentialDecay} without staircase). Default γ = {@value #DEFAULT_GAMMA}; {@link Schedules}
 * defaults k to one epoch of steps.
 *
 * @param initial η0 &gt; 0
 * @param gamma γ in (0, 1)
 * @param decaySteps k ≥ 1
 */
public record ExponentialDecay(double initial, double gamma, long decaySteps) implements LearningRateSchedule {

  /** The default factor γ per k steps. */
  public static final double DEFAULT_GAMMA = 0.95;

  public ExponentialDecay {
    Check.positive("learning-rate", initial);
    Check.openUnitInterval("lr-decay", gamma);
    Check.atLeast("lr-step", decaySteps, 1);
  }

  @Override public double rate(long step) {
    return initial * StrictMath.pow(gamma, (double) Check.stepIndex(step) / decaySteps);
  }
}
