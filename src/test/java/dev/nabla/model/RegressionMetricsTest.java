package dev.nabla.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegressionMetricsTest {
  private static final double EPS = 1e-14;

  /** y = (1, 2, 3, 4), ŷ = (1.5, 2, 2, 5): errors 0.5, 0, −1, 1. */
  private static RegressionMetrics fourSamples() {
    double[] y = {1, 2, 3, 4};
    double[] yhat = {1.5, 2, 2, 5};
    return new RegressionMetrics(1).addColumns(y, yhat, 4).addLoss(1.125);
  }

  @Test
  void errorsMatchTheHandComputedValues() {
    RegressionMetrics m = fourSamples();
    // SSE = 0.25 + 0 + 1 + 1 = 2.25; SAE = 2.5; ȳ = 2.5, SST = 2.25 + 0.25 + 0.25 + 2.25 = 5
    assertEquals(4, m.count());
    assertEquals(2.25 / 4, m.mse(), EPS);
    assertEquals(Math.sqrt(2.25 / 4), m.rmse(), EPS);
    assertEquals(2.5 / 4, m.mae(), EPS);
    assertEquals(1 - 2.25 / 5, m.r2(), EPS);
    assertEquals(1.125 / 4, m.meanLoss(), EPS);
  }

  @Test
  void mergingPartsEqualsAddingTheWhole() {
    RegressionMetrics a = new RegressionMetrics(1).add(new double[] {1}, 0, new double[] {1.5}, 0).addLoss(0.125);
    RegressionMetrics b = new RegressionMetrics(1).addColumns(new double[] {2, 3, 4}, new double[] {2, 2, 5}, 3)
        .addLoss(1.0);
    RegressionMetrics merged = a.merge(b);
    RegressionMetrics whole = fourSamples();
    assertEquals(whole.count(), merged.count());
    assertEquals(whole.mse(), merged.mse(), EPS);
    assertEquals(whole.mae(), merged.mae(), EPS);
    assertEquals(whole.r2(), merged.r2(), EPS);
    assertEquals(whole.meanLoss(), merged.meanLoss(), EPS);
  }

  @Test
  void severalTargetsAverageErrorsOverAllEntriesAndR2OverTargets() {
    // two samples, two targets (column-major): y = [(0, 10), (2, 14)], ŷ = [(1, 10), (2, 13)]
    RegressionMetrics m = new RegressionMetrics(2).addColumns(new double[] {0, 10, 2, 14}, new double[] {1, 10, 2, 13}, 2);
    assertEquals((1.0 + 0 + 0 + 1) / 4, m.mse(), EPS);
    assertEquals((1.0 + 0 + 0 + 1) / 4, m.mae(), EPS);
    assertEquals(1 - 1.0 / 2, m.r2(0), EPS); // SST_0 = 1 + 1
    assertEquals(1 - 1.0 / 8, m.r2(1), EPS); // SST_1 = 4 + 4
    assertEquals((0.5 + 0.875) / 2, m.r2(), EPS);
  }

  @Test
  void readsSamplesAtOffsets() {
    RegressionMetrics m = new RegressionMetrics(1).add(new double[] {9, 3}, 1, new double[] {7, 7, 5}, 2);
    assertEquals(4.0, m.mse(), 0.0);
  }

  @Test
  void r2IsNaNForAConstantTargetAndMetricsAreNaNWhenEmpty() {
    RegressionMetrics constant = new RegressionMetrics(1).addColumns(new double[] {3, 3}, new double[] {3, 4}, 2);
    assertTrue(Double.isNaN(constant.r2()));
    RegressionMetrics empty = new RegressionMetrics(1);
    assertTrue(Double.isNaN(empty.mse()));
    assertTrue(Double.isNaN(empty.r2()));
    assertTrue(Double.isNaN(empty.meanLoss()));
  }

  @Test
  void rejectsTargetsOrPredictionsThatDoNotFit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RegressionMetrics(2).add(new double[] {1, 2}, 0, new double[] {1}, 0));
    assertTrue(e.getMessage().contains("2 predictions at offset 0 do not fit an array of length 1"), e.getMessage());
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
        () -> new RegressionMetrics(2).add(new double[] {1, 2}, 1, new double[] {1, 2}, 0));
    assertTrue(t.getMessage().contains("2 targets at offset 1 do not fit an array of length 2"), t.getMessage());
  }

  @Test
  void tableAndMapCarryTheNumbers() {
    RegressionMetrics m = fourSamples();
    assertEquals(4L, m.toMap().get("count"));
    assertEquals(0.55, (Double) m.toMap().get("r2"), EPS);
    assertTrue(m.toTable().contains("r2        0.550000"), m.toTable());
  }
}
