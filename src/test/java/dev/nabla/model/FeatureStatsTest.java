package dev.nabla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureStatsTest {
  private static final int N = 3;

  /** 101 samples of 3 features: an offset with small spread, a wide feature, a constant. */
  private static double[][] data(double offset) {
    SplittableRandom rng = new SplittableRandom(7);
    double[][] rows = new double[101][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {offset + rng.nextDouble(), rng.nextGaussian() * 50 - 3, 4.0};
    }
    return rows;
  }

  @Test
  void mergingTwoHalvesEqualsTheStatisticsOfTheWhole() {
    double[][] rows = data(100);
    FeatureStats whole = new FeatureStats(N);
    FeatureStats left = new FeatureStats(N);
    FeatureStats right = new FeatureStats(N);
    for (int i = 0; i < rows.length; i++) {
      whole.add(rows[i]);
      (i < 40 ? left : right).add(rows[i]);
    }
    FeatureStats merged = left.merge(right);
    assertEquals(whole.count(), merged.count());
    assertClose(whole.mean(), merged.mean(), 1e-12);
    assertClose(whole.m2(), merged.m2(), 1e-12);
    assertArrayEquals(whole.min(), merged.min(), 0.0);
    assertArrayEquals(whole.max(), merged.max(), 0.0);
  }

  @Test
  void meanAndM2EqualTheTwoPassFormulas() {
    double[][] rows = data(100);
    FeatureStats s = new FeatureStats(N);
    for (double[] r : rows) {
      s.add(r);
    }
    assertClose(twoPassMean(rows), s.mean(), 1e-12);
    assertClose(twoPassM2(rows), s.m2(), 1e-12);
  }

  @Test
  void m2StaysAccurateForAFeatureFarFromZero() {
    // x = 1e6 + U(0, 1): Σx² − (Σx)²/n would lose every digit of M2 ≈ 8 (Σx² ≈ 1e14, ulp ≈ 0.016).
    // The running mean rounds at ulp(1e6) ≈ 1.2e-10 per update, so expect ~1e-10 relative, not 1e-12.
    double[][] rows = data(1e6);
    FeatureStats left = new FeatureStats(N);
    FeatureStats right = new FeatureStats(N);
    for (int i = 0; i < rows.length; i++) {
      (i % 2 == 0 ? left : right).add(rows[i]);
    }
    FeatureStats merged = left.merge(right);
    assertClose(twoPassMean(rows), merged.mean(), 1e-12);
    assertClose(twoPassM2(rows), merged.m2(), 1e-8);
  }

  @Test
  void mergingIntoAnEmptySummaryCopiesTheOther() {
    FeatureStats full = new FeatureStats(1).add(new double[] {2}).add(new double[] {6});
    FeatureStats merged = new FeatureStats(1).merge(full);
    assertArrayEquals(new double[] {4}, merged.mean(), 0.0);
    assertArrayEquals(new double[] {8}, merged.m2(), 0.0);
    assertEquals(2, full.merge(new FeatureStats(1)).count());
  }

  @Test
  void standardScalingIsMeanAndInversePopulationStd() {
    // feature 0: 1, 3, 5 -> mean 3, population variance 8/3; feature 1 constant 7 -> factor 1
    FeatureStats s = new FeatureStats(2).add(new double[] {1, 7}).add(new double[] {3, 7}).add(new double[] {5, 7});
    Scaling sc = s.toScaling(ScalingKind.STANDARD);
    assertEquals(ScalingKind.STANDARD, sc.kind());
    assertArrayEquals(new double[] {3, 7}, sc.shift(), 1e-15);
    assertArrayEquals(new double[] {1 / Math.sqrt(8.0 / 3), 1}, sc.factor(), 1e-15);
  }

  @Test
  void minMaxScalingMapsTheTrainingRangeOntoZeroToOne() {
    FeatureStats s = new FeatureStats(2).add(new double[] {-2, 5}).add(new double[] {6, 5}).add(new double[] {0, 5});
    Scaling sc = s.toScaling(ScalingKind.MINMAX);
    assertArrayEquals(new double[] {-2, 5}, sc.shift(), 0.0);
    assertArrayEquals(new double[] {0.125, 1}, sc.factor(), 0.0);
    double[] x = {-2, 5, 6, 5};
    sc.applyToColumns(x, 2, 2);
    assertArrayEquals(new double[] {0, 0, 1, 0}, x, 0.0);
  }

  @Test
  void autoLeavesValuesWithinPlusMinusOneUnscaledAndStandardizesTheRest() {
    FeatureStats inRange = new FeatureStats(2).add(new double[] {-1, 0}).add(new double[] {0.5, 1});
    assertEquals(Scaling.none(2), inRange.toScaling(ScalingKind.AUTO));
    FeatureStats outside = new FeatureStats(2).add(new double[] {-1, 0}).add(new double[] {0.5, 1.0001});
    Scaling sc = outside.toScaling(ScalingKind.AUTO);
    assertEquals(outside.toScaling(ScalingKind.STANDARD), sc, "one value beyond 1 is enough");
    assertThrows(IllegalArgumentException.class, () -> new Scaling(ScalingKind.AUTO, new double[1], new double[] {1}),
        "auto is never a fitted scaling");
  }

  @Test
  void noneScalingIsTheIdentityEvenWithoutSamples() {
    assertEquals(Scaling.none(3), new FeatureStats(3).toScaling(ScalingKind.NONE));
  }

  @Test
  void refusesToFitWithoutSamples() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new FeatureStats(2).toScaling(ScalingKind.STANDARD));
    assertTrue(e.getMessage().contains("no samples"), e.getMessage());
  }

  @Test
  void rejectsNonFiniteFeaturesNamingTheIndex() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FeatureStats(2).add(new double[] {1, Double.POSITIVE_INFINITY}));
    assertTrue(e.getMessage().contains("feature 1 (0-based) is Infinity"), e.getMessage());
  }

  @Test
  void rejectsMergingDifferentWidths() {
    assertThrows(IllegalArgumentException.class, () -> new FeatureStats(2).merge(new FeatureStats(3)));
  }

  @Test
  void addsAColumnOfABatchByOffset() {
    FeatureStats s = new FeatureStats(2).add(new double[] {9, 9, 1, 2}, 2);
    assertArrayEquals(new double[] {1, 2}, s.mean(), 0.0);
  }

  /** Relative tolerance (absolute below magnitude 1). */
  private static void assertClose(double[] expected, double[] actual, double rel) {
    for (int k = 0; k < expected.length; k++) {
      double tol = rel * Math.max(1, Math.abs(expected[k]));
      assertEquals(expected[k], actual[k], tol, "feature " + k);
    }
  }

  private static double[] twoPassMean(double[][] rows) {
    double[] mean = new double[N];
    for (int k = 0; k < N; k++) {
      for (double[] r : rows) {
        mean[k] += r[k];
      }
      mean[k] /= rows.length;
    }
    return mean;
  }

  private static double[] twoPassM2(double[][] rows) {
    double[] mean = twoPassMean(rows);
    double[] m2 = new double[N];
    for (int k = 0; k < N; k++) {
      for (double[] r : rows) {
        m2[k] += (r[k] - mean[k]) * (r[k] - mean[k]);
      }
    }
    return m2;
  }
}
