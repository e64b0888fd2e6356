package dev.nabla.optim;

import java.util.Map;
import java.util.Objects;

/** Builds a {@link LearningRateSchedule} from a {@link ScheduleConfig}, filling in the defaults. */
public final class Schedules {
  private Schedules() {}

  /**
   * Reads command-line-like settings ({@link ScheduleConfig#fromFlags}) and builds the schedule.
   *
   * @see #create
   */
  public static LearningRateSchedule parse(Map<String, String> flags, double baseRate, long stepsPerEpoch,
      long totalSteps) {
    return create(ScheduleConfig.fromFlags(flags), baseRate, stepsPerEpoch, totalSteps);
  }

  /**
   * The schedule, with any warmup in front. Unset fields take the defaults: the classes'
   * {@code DEFAULT_*} constants, {@code lr-step} = stepsPerEpoch (decay once per epoch), and for
   * cosine without a period one cycle of totalSteps − warmupSteps steps.
   *
   * @param baseRate η0 &gt; 0, the {@code --learning-rate}
   * @param stepsPerEpoch ≥ 1, optimizer steps in one epoch
   * @param totalSteps ≥ 1, optimizer steps in the whole run
   * @throws IllegalArgumentException naming the flag when a value does not fit the run (e.g.
   *     {@code lr-min} not below the base rate, warmup as long as the run under cosine)
   */
  public static LearningRateSchedule create(ScheduleConfig c, double baseRate, long stepsPerEpoch,
      long totalSteps) {
    Objects.requireNonNull(c, "c");
    Check.positive("learning-rate", baseRate);
    Check.atLeast("steps per epoch", stepsPerEpoch, 1);
    Check.atLeast("total steps", totalSteps, 1);
    long k = or(c.decaySteps(), stepsPerEpoch);
    LearningRateSchedule s = switch (c.schedule()) {
      case "constant" -> new ConstantRate(baseRate);
      case "step" -> new StepDecay(baseRate, or(c.decay(), StepDecay.DEFAULT_GAMMA), k);
      case "exponential" -> new ExponentialDecay(baseRate, or(c.decay(), ExponentialDecay.DEFAULT_GAMMA), k);
      case "inverse-time" -> new InverseTimeDecay(baseRate, or(c.decay(), InverseTimeDecay.DEFAULT_GAMMA), k);
      case "cosine" -> cosine(c, baseRate, totalSteps);
      case "plateau" -> new ReduceOnPlateau(baseRate, or(c.decay(), ReduceOnPlateau.DEFAULT_FACTOR),
          c.plateauPatience() != null ? c.plateauPatience() : ReduceOnPlateau.DEFAULT_PATIENCE,
          or(c.plateauMinDelta(), ReduceOnPlateau.DEFAULT_MIN_DELTA), or(c.minRate(), ReduceOnPlateau.DEFAULT_MIN_RATE));
      default -> throw new IllegalStateException("no schedule for listed name " + c.schedule());
    };
    return c.warmupSteps() > 0 ? new LinearWarmup(c.warmupSteps(), c.warmupFromZero(), s) : s;
  }

  private static CosineAnnealing cosine(ScheduleConfig c, double baseRate, long totalSteps) {
    double min = or(c.minRate(), CosineAnnealing.DEFAULT_MIN_RATE);
    if (c.cosinePeriod() != null) {
      int mult = c.cosineMult() != null ? c.cosineMult() : CosineAnnealing.DEFAULT_PERIOD_MULTIPLIER;
      return CosineAnnealing.warmRestarts(baseRate, min, c.cosinePeriod(), mult);
    }
    long period = totalSteps - c.warmupSteps();
    if (period < 1) {
      throw new IllegalArgumentException("warmup-steps " + c.warmupSteps() + " leaves no steps of the run's "
          + totalSteps + " to anneal over; lower warmup-steps or set cosine-period");
    }
    return CosineAnnealing.singleCycle(baseRate, min, period);
  }

  private static double or(Double value, double fallback) {
    return value != null ? value : fallback;
  }

  private static long or(Long value, long fallback) {
    return value != null ? value : fallback;
  }
}
