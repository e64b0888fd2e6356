package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ScheduleConfig} validation and {@link Schedules} filling in the defaults. */
class SchedulesTest {
  static final double ETA0 = 0.1;
  static final long EPOCH = 100;
  static final long RUN = 1000;

  static LearningRateSchedule parse(Map<String, String> flags) {
    return Schedules.parse(flags, ETA0, EPOCH, RUN);
  }

  static String rejection(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void unsetFieldsTakeTheScheduleDefaults() {
    assertEquals(new ConstantRate(ETA0), parse(Map.of()));
    assertEquals(new StepDecay(ETA0, StepDecay.DEFAULT_GAMMA, EPOCH), parse(Map.of("lr-schedule", "step")));
    assertEquals(new ExponentialDecay(ETA0, ExponentialDecay.DEFAULT_GAMMA, EPOCH),
        parse(Map.of("lr-schedule", "exponential")));
    assertEquals(new InverseTimeDecay(ETA0, InverseTimeDecay.DEFAULT_GAMMA, EPOCH),
        parse(Map.of("lr-schedule", "inverse-time")));
    assertEquals(CosineAnnealing.singleCycle(ETA0, CosineAnnealing.DEFAULT_MIN_RATE, RUN),
        parse(Map.of("lr-schedule", "cosine")));
  }

  @Test
  void plateauDefaultsToFactorAndPatienceConstants() {
    LearningRateSchedule p = parse(Map.of("lr-schedule", "plateau"));
    p.onValidationLoss(1.0);
    for (int e = 1; e < ReduceOnPlateau.DEFAULT_PATIENCE; e++) {
      p.onValidationLoss(1.0 - ReduceOnPlateau.DEFAULT_MIN_DELTA / 2);
      assertEquals(ETA0, p.rate(0), 0.0, "bad epoch " + e);
    }
    p.onValidationLoss(1.0);
    assertEquals(ETA0 * ReduceOnPlateau.DEFAULT_FACTOR, p.rate(0), 0.0);
  }

  @Test
  void setFieldsReachTheSchedule() {
    assertEquals(new StepDecay(ETA0, 0.5, 7), parse(Map.of("lr-schedule", "step", "lr-decay", "0.5", "lr-step", "7")));
    assertEquals(new InverseTimeDecay(ETA0, 2.0, 7),
        parse(Map.of("lr-schedule", "inverse-time", "lr-decay", "2", "lr-step", "7")));
    assertEquals(CosineAnnealing.warmRestarts(ETA0, 0.001, 50, 2),
        parse(Map.of("lr-schedule", "cosine", "lr-min", "0.001", "cosine-period", "50", "cosine-mult", "2")));
    assertEquals(new LinearWarmup(40, true, CosineAnnealing.singleCycle(ETA0, 0.0, RUN - 40)),
        parse(Map.of("lr-schedule", "cosine", "warmup-steps", "40", "warmup-from-zero", "true")));
    assertEquals(new LinearWarmup(10, false, new ConstantRate(ETA0)), parse(Map.of("warmup-steps", "10")));
  }

  @Test
  void flagsRoundTrip() {
    ScheduleConfig c = ScheduleConfig.fromFlags(Map.of("lr-schedule", "Plateau", "lr-decay", "0.2", "lr-min", "1e-4",
        "warmup-steps", "3", "plateau-patience", "4", "plateau-min-delta", "0.01"));
    assertEquals("plateau", c.schedule());
    assertEquals(c, ScheduleConfig.fromFlags(c.toFlags()));
  }

  @Test
  void rejectsUnknownScheduleListingValidOnes() {
    assertEquals("lr-schedule must be one of constant, step, exponential, inverse-time, cosine, plateau, got 'linear'",
        rejection(() -> parse(Map.of("lr-schedule", "linear"))));
    assertEquals("unknown setting --lr-decy; valid: --lr-schedule, --lr-decay, --lr-step, --lr-min, --warmup-steps, "
        + "--warmup-from-zero, --cosine-period, --cosine-mult, --plateau-patience, --plateau-min-delta",
        rejection(() -> parse(Map.of("lr-decy", "0.5"))));
  }

  @Test
  void rejectsASettingTheScheduleDoesNotUse() {
    assertTrue(rejection(() -> parse(Map.of("lr-schedule", "step", "lr-min", "0.01")))
        .startsWith("lr-min is not used by the step schedule"));
    assertTrue(rejection(() -> parse(Map.of("lr-decay", "0.5"))).startsWith("lr-decay is not used by the constant"));
    assertTrue(rejection(() -> parse(Map.of("lr-schedule", "cosine", "plateau-patience", "3")))
        .startsWith("plateau-patience is not used by the cosine schedule"));
  }

  @Test
  void rejectsBadValuesNamingTheFlag() {
    assertEquals("lr-decay must be in (0, 1), got 1.5",
        rejection(() -> parse(Map.of("lr-schedule", "step", "lr-decay", "1.5"))));
    assertEquals("lr-decay must be a positive finite number, got -1.0",
        rejection(() -> parse(Map.of("lr-schedule", "inverse-time", "lr-decay", "-1"))));
    assertEquals("--lr-step: expected a whole number, got '1.5'",
        rejection(() -> parse(Map.of("lr-schedule", "step", "lr-step", "1.5"))));
    assertEquals("warmup-steps must be an integer >= 0, got -2", rejection(() -> parse(Map.of("warmup-steps", "-2"))));
    assertEquals("warmup-from-zero needs warmup-steps >= 1, got 0",
        rejection(() -> parse(Map.of("warmup-from-zero", "true"))));
    assertTrue(rejection(() -> parse(Map.of("lr-schedule", "cosine", "cosine-mult", "2")))
        .startsWith("cosine-mult 2 needs a cosine-period"));
    assertEquals("lr-min must be below the learning rate 0.1, got 0.2",
        rejection(() -> parse(Map.of("lr-schedule", "plateau", "lr-min", "0.2"))));
    assertTrue(rejection(() -> parse(Map.of("lr-schedule", "cosine", "warmup-steps", "1000")))
        .startsWith("warmup-steps 1000 leaves no steps of the run's 1000 to anneal over"));
    assertEquals("--warmup-from-zero: expected true or false, got 'yes'",
        rejection(() -> parse(Map.of("warmup-steps", "2", "warmup-from-zero", "yes"))));
  }
}
