package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The skipping sampler draws every (row, step) independently with probability q, as the accountant assumes. */
class PoissonSamplingTest {

  @Test
  void eachRowIsInEachStepWithProbabilityQIndependently() {
    int n = 20_000;
    int m = 400;
    PoissonSampling sampling = new PoissonSampling(n, m, 3);
    int steps = sampling.stepsPerEpoch();
    double q = sampling.rate();
    assertEquals(50, steps);
    long[] perStep = new long[steps];
    double sum = 0;
    double sumSquares = 0;
    for (int row = 0; row < n; row++) {
      PoissonSampling.Draws d = sampling.draws(1, row);
      int k = 0;
      int previous = -1;
      for (int s = d.next(); s < steps; s = d.next()) {
        assertTrue(s > previous, "steps ascend");
        previous = s;
        perStep[s]++;
        k++;
      }
      sum += k;
      sumSquares += (double) k * k;
    }
    double sd = Math.sqrt(n * q * (1 - q));
    for (int s = 0; s < steps; s++) {
      assertEquals(n * q, perStep[s], 5 * sd, "rows in step " + s);
    }
    double mean = sum / n;
    double variance = sumSquares / n - mean * mean;
    assertEquals(steps * q, mean, 0.02, "steps per row: mean of Binomial(S, q)");
    assertEquals(steps * q * (1 - q), variance, 0.1, "steps per row: variance of Binomial(S, q)");
  }

  @Test
  void inBatchAgreesWithTheDrawsAndDependsOnTheEpochAndSeed() {
    PoissonSampling a = new PoissonSampling(1000, 100, 7);
    PoissonSampling b = new PoissonSampling(1000, 100, 8);
    int differ = 0;
    for (long row = 0; row < 200; row++) {
      PoissonSampling.Draws d = a.draws(2, row);
      int next = d.next();
      for (int step = 0; step < a.stepsPerEpoch(); step++) {
        boolean drawn = step == next;
        if (drawn) {
          next = d.next();
        }
        assertEquals(drawn, a.inBatch(2, step, row), "row " + row + " step " + step);
        differ += a.inBatch(2, step, row) != a.inBatch(3, step, row) ? 1 : 0;
        differ += a.inBatch(2, step, row) != b.inBatch(2, step, row) ? 1 : 0;
      }
    }
    assertTrue(differ > 100, "other epochs and seeds draw other batches: " + differ + " differences");
  }

  @Test
  void rateOneTakesEveryRowInEveryStep() {
    PoissonSampling all = new PoissonSampling(5, 5, 1);
    for (int step = 0; step < all.stepsPerEpoch(); step++) {
      for (long row = 0; row < 5; row++) {
        assertTrue(all.inBatch(0, step, row));
      }
    }
  }
}
