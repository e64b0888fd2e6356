package dev.nabla.optim;

import java.util.Map;
import java.util.Objects;

/**
 * A linear warmup of W steps in front of another schedule, whose clock starts after the warmup. With
 * η_w = {@code after.rate(0)}:
 * <pre>
 *   from zero:   η(t) = η_w · t / W          for t &lt; W   (0, η_w/W, …, η_w(W−1)/W)
 *   otherwise:   η(t) = η_w · (t + 1) / W    for t &lt; W   (η_w/W, 2η_w/W, …, η_w)
 *   then:        η(t) = after.rate(t − W)   for t ≥ W
 * </pre>
 * so the warmup rises by η_w/W per step and joins the wrapped schedule without a jump. Starting from
 * zero wastes the first step (η = 0) and is offered to match other libraries. Validation losses and
 * state pass through to the wrapped schedule.
 *
 * @param warmupSteps W ≥ 1
 * @param fromZero whether the first step's rate is 0 (else η_w/W)
 * @param after the schedule that follows
 */
public record LinearWarmup(long warmupSteps, boolean fromZero, LearningRateSchedule after)
    implements LearningRateSchedule {

  public LinearWarmup {
    Check.atLeast("warmup-steps", warmupSteps, 1);
    Objects.requireNonNull(after, "after");
  }

  @Override public double rate(long step) {
    long t = Check.stepIndex(step);
    if (t >= warmupSteps) {
      return after.rate(t - warmupSteps);
    }
    double target = after.rate(0);
    return target * (fromZero ? t : t + 1) / warmupSteps;
  }

  @Override public void onValidationLoss(double loss) {
    after.onValidationLoss(loss);
  }

  @Override public Map<String, double[]> state() {
    return after.state();
  }

  @Override public void restoreState(Map<String, double[]> state) {
    after.restoreState(state);
  }
}
