package dev.nabla.optim;

/**
 * Inverse-time decay: η(t) = η0 / (1 + γ t / k) (TensorFlow's {@code InverseTimeDecay} without
 * staircase); with γ = 1 the rate halves after k steps and keeps falling like 1/t. Default γ =
 * {@value #DEFAULT_GAMMA}; {@link Schedules} defaults k to one epoch of steps.
 *
 * @param initial η0 &gt; 0
 * @param gamma γ &gt; 0
 * @param decaySteps k ≥ 1
 */
public record InverseTimeDecay(double initial, double gamma, long decaySteps) implements LearningRateSchedule {

  /** The default γ. */
  public static final double DEFAULT_GAMMA = 1.0;

  public InverseTimeDecay {
    Check.positive("learning-rate", initial);
    Check.positive("lr-decay", gamma);
    Check.atLeast("lr-step", decaySteps, 1);
  }

  @Override public double rate(long step) {
    return initial / (1 + gamma * ((double) Check.stepIndex(step) / decaySteps));
  }
}
