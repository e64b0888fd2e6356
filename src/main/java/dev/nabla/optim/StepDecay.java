package dev.nabla.optim;

/**
 * Step decay: η(t) = η0 · γ^⌊t / k⌋, the rate multiplied by γ every k steps (PyTorch's {@code StepLR}).
 * Default γ = {@value #DEFAULT_GAMMA}; {@link Schedules} defaults k to one epoch of steps.
 *
 * @param initial η0 &gt; 0
 * @param gamma γ in (0, 1)
 * @param stepSize k ≥ 1
 */
public record StepDecay(double initial, double gamma, long stepSize) implements LearningRateSchedule {

  /** The default factor γ. */
  public static final double DEFAULT_GAMMA = 0.1;

  public StepDecay {
    Check.positive("learning-rate", initial);
    Check.openUnitInterval("lr-decay", gamma);
    Check.atLeast("lr-step", stepSize, 1);
  }

  @Override public double rate(long step) {
    return initial * StrictMath.pow(gamma, Check.stepIndex(step) / stepSize);
  }
}
