package dev.nabla.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The learning-rate schedule a user asked for, validated. A null field is unset: {@link Schedules}
 * then uses the schedule's default (the {@code DEFAULT_*} constants of the schedule classes, the one
 * place defaults live; the decay period defaults to one epoch of steps and the cosine period to the
 * run's steps after warmup). A field that is set but not used by the chosen schedule is rejected, so
 * no value is silently ignored. Messages name the command-line flag.
 *
 * @param schedule {@code --lr-schedule}: one of {@link #SCHEDULES}, case-insensitive; null means constant
 * @param decay {@code --lr-decay}: γ in (0, 1) for step, exponential and plateau (the factor); γ &gt; 0
 *     for inverse-time
 * @param decaySteps {@code --lr-step}: k ≥ 1 steps (step, exponential, inverse-time)
 * @param minRate {@code --lr-min}: η_min ≥ 0 (cosine, plateau); must be below the base rate
 * @param warmupSteps {@code --warmup-steps}: W ≥ 0 steps of linear warmup in front of any schedule
 * @param warmupFromZero {@code --warmup-from-zero}: start the warmup at 0 instead of η/W
 * @param cosinePeriod {@code --cosine-period}: T ≥ 1; when set, cosine restarts every cycle (SGDR);
 *     when unset, one cycle over the whole run after warmup
 * @param cosineMult {@code --cosine-mult}: cycle-length multiplier ≥ 1; needs a cosine period
 * @param plateauPatience {@code --plateau-patience}: bad epochs ≥ 1 before a reduction
 * @param plateauMinDelta {@code --plateau-min-delta}: improvement ≥ 0 that counts
 */
public record ScheduleConfig(String schedule, Double decay, Long decaySteps, Double minRate, long warmupSteps,
    boolean warmupFromZero, Long cosinePeriod, Integer cosineMult, Integer plateauPatience,
    Double plateauMinDelta) {

  /** The valid {@code --lr-schedule} values. */
  public static final List<String> SCHEDULES =
      List.of("constant", "step", "exponential", "inverse-time", "cosine", "plateau");

  /** The command-line flags (without dashes), in record order. */
  public static final List<String> FLAGS = List.of("lr-schedule", "lr-decay", "lr-step", "lr-min", "warmup-steps",
      "warmup-from-zero", "cosine-period", "cosine-mult", "plateau-patience", "plateau-min-delta");

  private static final Map<String, Set<String>> USES = Map.of(
      "constant", Set.of(),
      "step", Set.of("lr-decay", "lr-step"),
      "exponential", Set.of("lr-decay", "lr-step"),
      "inverse-time", Set.of("lr-decay", "lr-step"),
      "cosine", Set.of("lr-min", "cosine-period", "cosine-mult"),
      "plateau", Set.of("lr-decay", "lr-min", "plateau-patience", "plateau-min-delta"));

  public ScheduleConfig {
    schedule = schedule == null ? "constant" : schedule.trim().toLowerCase(Locale.ROOT);
    if (!SCHEDULES.contains(schedule)) {
      throw new IllegalArgumentException("lr-schedule must be one of " + String.join(", ", SCHEDULES) + ", got '"
          + schedule + "'");
    }
    Object[] values = {decay, decaySteps, minRate, cosinePeriod, cosineMult, plateauPatience, plateauMinDelta};
    String[] flags = {"lr-decay", "lr-step", "lr-min", "cosine-period", "cosine-mult", "plateau-patience",
        "plateau-min-delta"};
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null && !USES.get(schedule).contains(flags[i])) {
        throw new IllegalArgumentException(flags[i] + " is not used by the " + schedule + " schedule; remove it or"
            + " pick a schedule that uses it");
      }
    }
    if (decay != null) {
      if (schedule.equals("inverse-time")) {
        Check.positive("lr-decay", decay);
      } else {
        Check.openUnitInterval("lr-decay", decay);
      }
    }
    if (decaySteps != null) {
      Check.atLeast("lr-step", decaySteps, 1);
    }
    if (minRate != null) {
      Check.nonNegative("lr-min", minRate);
    }
    Check.atLeast("warmup-steps", warmupSteps, 0);
    if (warmupFromZero && warmupSteps == 0) {
      throw new IllegalArgumentException("warmup-from-zero needs warmup-steps >= 1, got 0");
    }
    if (cosinePeriod != null) {
      Check.atLeast("cosine-period", cosinePeriod, 1);
    }
    if (cosineMult != null) {
      Check.atLeast("cosine-mult", cosineMult, 1);
      if (cosinePeriod == null) {
        throw new IllegalArgumentException("cosine-mult " + cosineMult + " needs a cosine-period (the first cycle's"
            + " length in steps)");
      }
    }
    if (plateauPatience != null) {
      Check.atLeast("plateau-patience", plateauPatience, 1);
    }
    if (plateauMinDelta != null) {
      Check.nonNegative("plateau-min-delta", plateauMinDelta);
    }
  }

  /** The named schedule with every optional field unset and no warmup. */
  public static ScheduleConfig of(String schedule) {
    return new ScheduleConfig(schedule, null, null, null, 0, false, null, null, null, null);
  }

  /**
   * Reads {@code flag → text} settings, flag names as in {@link #FLAGS} (without dashes); absent flags
   * stay unset ({@code lr-schedule} defaults to constant, {@code warmup-steps} to 0).
   *
   * @throws IllegalArgumentException for an unknown flag, a malformed number or a bad value
   */
  public static ScheduleConfig fromFlags(Map<String, String> flags) {
    Flags.requireKnown(flags, FLAGS);
    Long warmup = Flags.integer(flags, "warmup-steps");
    return new ScheduleConfig(flags.get("lr-schedule"), Flags.decimal(flags, "lr-decay"),
        Flags.integer(flags, "lr-step"), Flags.decimal(flags, "lr-min"), warmup == null ? 0 : warmup,
        Flags.bool(flags, "warmup-from-zero"), Flags.integer(flags, "cosine-period"),
        Flags.smallInteger(flags, "cosine-mult"), Flags.smallInteger(flags, "plateau-patience"),
        Flags.decimal(flags, "plateau-min-delta"));
  }

  /** The settings as {@code flag → text}, unset fields left out; {@link #fromFlags} reads it back. */
  public Map<String, String> toFlags() {
    Object[] values = {schedule, decay, decaySteps, minRate, warmupSteps, warmupFromZero, cosinePeriod, cosineMult,
        plateauPatience, plateauMinDelta};
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        m.put(FLAGS.get(i), values[i].toString());
      }
    }
    return m;
  }
}
