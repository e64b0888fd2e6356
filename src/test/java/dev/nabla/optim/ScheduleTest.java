package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each schedule's values against its formula; warmup joins; cosine restarts; plateau reductions. */
class ScheduleTest {
  static final double ETA0 = 0.1;

  @Test
  void constantIsTheSameAtEveryStep() {
    ConstantRate c = new ConstantRate(ETA0);
    assertEquals(ETA0, c.rate(0));
    assertEquals(ETA0, c.rate(1_000_000));
  }

  @Test
  void stepDecayMultipliesByGammaEveryKSteps() {
    StepDecay s = new StepDecay(ETA0, 0.5, 3);
    assertEquals(0.1, s.rate(0));
    assertEquals(0.1, s.rate(2));
    assertEquals(0.05, s.rate(3));
    assertEquals(0.05, s.rate(5));
    assertEquals(0.025, s.rate(6));
    assertEquals(0.1 * Math.pow(0.5, 10), s.rate(31), 1e-18);
  }

  @Test
  void exponentialDecayIsGammaToTheFractionOfPeriods() {
    ExponentialDecay e = new ExponentialDecay(ETA0, 0.25, 4);
    assertEquals(0.1, e.rate(0));
    assertEquals(0.1 * 0.5, e.rate(2), 1e-17); // 0.25^(1/2)
    assertEquals(0.1 * 0.25, e.rate(4), 1e-17);
    assertEquals(0.1 * Math.pow(0.25, 7 / 4.0), e.rate(7), 1e-17);
  }

  @Test
  void inverseTimeDecayDividesByOnePlusGammaTOverK() {
    InverseTimeDecay d = new InverseTimeDecay(ETA0, 0.5, 10);
    assertEquals(0.1, d.rate(0));
    assertEquals(0.1 / 1.5, d.rate(10), 1e-17);
    assertEquals(0.1 / 2.5, d.rate(30), 1e-17);
    assertEquals(0.1 / (1 + 0.5 * 7 / 10.0), d.rate(7), 1e-17);
  }

  @Test
  void cosineAnnealsFromEta0ToMinimumThenStays() {
    double min = 0.01;
    CosineAnnealing c = CosineAnnealing.singleCycle(ETA0, min, 100);
    assertEquals(ETA0, c.rate(0), 1e-17);
    assertEquals(min + 0.5 * (ETA0 - min) * (1 + Math.cos(Math.PI / 4)), c.rate(25), 1e-17);
    assertEquals((ETA0 + min) / 2, c.rate(50), 1e-17);
    assertEquals(min + 0.5 * (ETA0 - min) * (1 + Math.cos(Math.PI * 99 / 100)), c.rate(99), 1e-17);
    assertEquals(min, c.rate(100));
    assertEquals(min, c.rate(10_000));
  }

  @Test
  void cosineWarmRestartsResetToEta0AtPeriodBoundaries() {
    CosineAnnealing c = CosineAnnealing.warmRestarts(ETA0, 0.0, 10, 2); // cycles of 10, 20, 40 steps
    for (long boundary : new long[] {0, 10, 30, 70}) {
      assertEquals(ETA0, c.rate(boundary), 0.0, "restart at " + boundary);
      if (boundary > 0) {
        assertTrue(c.rate(boundary - 1) < 0.1 * ETA0, "end of the cycle before " + boundary);
      }
    }
    assertEquals(ETA0 / 2, c.rate(5), 1e-17);
    assertEquals(ETA0 / 2, c.rate(20), 1e-17); // middle of the 20-step cycle 10..29
    assertEquals(ETA0 / 2, c.rate(50), 1e-17); // middle of the 40-step cycle 30..69
    CosineAnnealing fixed = CosineAnnealing.warmRestarts(ETA0, 0.001, 7, 1);
    for (long t = 0; t < 30; t++) {
      assertEquals(fixed.rate(t), fixed.rate(t + 7), "period 7 at step " + t);
    }
  }

  @Test
  void warmupRisesLinearlyAndJoinsTheWrappedScheduleWithoutAJump() {
    long w = 5;
    for (LearningRateSchedule after : new LearningRateSchedule[] {new StepDecay(ETA0, 0.5, 4),
        CosineAnnealing.singleCycle(ETA0, 0.0, 50), new ExponentialDecay(ETA0, 0.5, 3)}) {
      for (boolean fromZero : new boolean[] {false, true}) {
        LinearWarmup s = new LinearWarmup(w, fromZero, after);
        double increment = after.rate(0) / w;
        for (long t = 0; t < w; t++) {
          assertEquals(after.rate(0) * (fromZero ? t : t + 1) / w, s.rate(t), 1e-17, "warmup step " + t);
        }
        assertEquals(fromZero ? 0.0 : increment, s.rate(0), 1e-17);
        assertEquals(after.rate(0), s.rate(w), 0.0, "the wrapped schedule's clock starts after warmup");
        assertTrue(Math.abs(s.rate(w) - s.rate(w - 1)) <= increment * (1 + 1e-12), "no jump at the join");
        for (long t = 0; t < 40; t++) {
          assertEquals(after.rate(t), s.rate(w + t), 0.0, "after warmup, step " + t);
        }
      }
    }
  }

  @Test
  void plateauReducesAfterPatienceEpochsWithoutImprovementAndNotBelowMinimum() {
    ReduceOnPlateau p = new ReduceOnPlateau(ETA0, 0.5, 2, 0.01, 0.02);
    double[] losses = {1.0, 0.995, 0.992, 0.5, 0.489, 0.485, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6};
    // improve, bad 1, bad 2 → ×0.5, improve, improve, bad 1, bad 2 → ×0.5, bad 1, bad 2 → ×0.5 floored, …
    double[] rates = {0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02, 0.02, 0.02};
    for (int e = 0; e < losses.length; e++) {
      p.onValidationLoss(losses[e]);
      assertEquals(rates[e], p.rate(1000 + e), 0.0, "after epoch " + (e + 1) + " with loss " + losses[e]);
    }
  }

  @Test
  void plateauImprovementMustExceedMinDelta() {
    ReduceOnPlateau p = new ReduceOnPlateau(ETA0, 0.5, 1, 0.25, 0.0);
    p.onValidationLoss(1.0);
    p.onValidationLoss(0.5); // 0.5 better than 1.0: an improvement
    assertEquals(ETA0, p.rate(0), 0.0);
    p.onValidationLoss(0.25); // exactly 0.25 (binary-exact) better than 0.5: not more than minDelta, bad
    assertEquals(ETA0 / 2, p.rate(0), 0.0);
  }

  @Test
  void plateauCountsNaNLossAsNoImprovement() {
    ReduceOnPlateau p = new ReduceOnPlateau(ETA0, 0.1, 1, 0.0, 0.0);
    p.onValidationLoss(1.0);
    p.onValidationLoss(Double.NaN);
    assertEquals(0.1 * ETA0, p.rate(0), 1e-18);
  }

  static double[] plateauRun(ReduceOnPlateau p, double[] losses, int from, int to) {
    double[] rates = new double[to - from];
    for (int e = from; e < to; e++) {
      p.onValidationLoss(losses[e]);
      rates[e - from] = p.rate(e);
    }
    return rates;
  }

  @Test
  void restoredPlateauContinuesBitwiseIdentically() {
    double[] losses = new double[40];
    for (int e = 0; e < losses.length; e++) {
      losses[e] = 1.0 / (1 + e) + 0.3 * Math.sin(e * 1.3);
    }
    ReduceOnPlateau a = new ReduceOnPlateau(ETA0, 0.7, 3, 1e-3, 1e-4);
    plateauRun(a, losses, 0, 20);
    double[] restOfA = plateauRun(a, losses, 20, 40);

    LearningRateSchedule first = new LinearWarmup(3, false, new ReduceOnPlateau(ETA0, 0.7, 3, 1e-3, 1e-4));
    ReduceOnPlateau firstInner = (ReduceOnPlateau) ((LinearWarmup) first).after();
    plateauRun(firstInner, losses, 0, 20);
    Map<String, double[]> saved = first.state();
    ReduceOnPlateau b = new ReduceOnPlateau(ETA0, 0.7, 3, 1e-3, 1e-4);
    new LinearWarmup(3, false, b).restoreState(saved);
    assertArrayEquals(restOfA, plateauRun(b, losses, 20, 40));
    a.state().forEach((k, v) -> assertArrayEquals(v, b.state().get(k), k));
    assertTrue(restOfA[restOfA.length - 1] < ETA0, "the run must have reduced the rate, or it proves little");
  }

  @Test
  void warmupPassesValidationLossToTheWrappedSchedule() {
    LinearWarmup w = new LinearWarmup(2, false, new ReduceOnPlateau(ETA0, 0.5, 1, 0.0, 0.0));
    w.onValidationLoss(1.0);
    w.onValidationLoss(2.0);
    assertEquals(0.05, w.rate(2), 0.0);
  }

  @Test
  void statelessSchedulesHaveEmptyStateAndRejectAForeignOne() {
    StepDecay s = new StepDecay(ETA0, 0.5, 3);
    assertEquals(Map.of(), s.state());
    s.restoreState(Map.of());
    Map<String, double[]> plateauState = new ReduceOnPlateau(ETA0, 0.5, 1, 0, 0).state();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.restoreState(plateauState));
    assertTrue(e.getMessage().startsWith("StepDecay state must have the keys []"), e.getMessage());
  }

  @Test
  void rejectsNegativeStepAndBadParametersNamingTheFlag() {
    assertThrows(IllegalArgumentException.class, () -> new ConstantRate(ETA0).rate(-1));
    assertEquals("lr-decay must be in (0, 1), got 1.5",
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(ETA0, 1.5, 3)).getMessage());
    assertEquals("lr-step must be an integer >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(ETA0, 0.5, 0)).getMessage());
    assertEquals("lr-min must be below the learning rate 0.1, got 0.1",
        assertThrows(IllegalArgumentException.class, () -> CosineAnnealing.singleCycle(ETA0, 0.1, 10)).getMessage());
    assertEquals("plateau-patience must be an integer >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new ReduceOnPlateau(ETA0, 0.5, 0, 0, 0)).getMessage());
  }
}
