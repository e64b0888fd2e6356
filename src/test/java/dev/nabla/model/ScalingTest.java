package dev.nabla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScalingTest {

  @Test
  void noneIsTheIdentity() {
    double[] x = {-0.0, 3.5, Double.MIN_VALUE, 1e300};
    double[] copy = x.clone();
    Scaling.none(2).applyToColumns(x, 2, 2);
    assertArrayEquals(copy, x, 0.0);
  }

  @Test
  void appliesShiftThenFactorToOneSampleAtAnOffset() {
    Scaling s = new Scaling(ScalingKind.STANDARD, new double[] {1, -2}, new double[] {0.5, 4});
    double[] x = {9, 3, 0, 9};
    s.applyInPlace(x, 1, 2);
    assertArrayEquals(new double[] {9, 1, 8, 9}, x, 0.0);
  }

  @Test
  void appliesToEveryColumnOfAColumnMajorBatch() {
    Scaling s = new Scaling(ScalingKind.MINMAX, new double[] {1, 10}, new double[] {0.5, 0.1});
    double[] x = {3, 20, 1, 10, 5, 15};
    s.applyToColumns(x, 2, 3);
    assertArrayEquals(new double[] {1, 1, 0, 0, 2, 0.5}, x, 1e-15);
  }

  @Test
  void rejectsAZeroFactorNamingTheFeature() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Scaling(ScalingKind.STANDARD, new double[] {0, 0}, new double[] {1, 0}));
    assertTrue(e.getMessage().contains("factor[1] is 0.0"), e.getMessage());
  }

  @Test
  void rejectsKindNoneWithANonIdentityMap() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Scaling(ScalingKind.NONE, new double[] {0.5}, new double[] {1}));
    assertTrue(e.getMessage().contains("kind none needs shift 0"), e.getMessage());
  }

  @Test
  void rejectsABatchWithTheWrongNumberOfFeatures() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Scaling.none(3).applyToColumns(new double[8], 4, 2));
    assertTrue(e.getMessage().contains("fitted on 3 features but was given 4"), e.getMessage());
  }

  @Test
  void isImmutable() {
    double[] shift = {1, 2};
    Scaling s = new Scaling(ScalingKind.STANDARD, shift, new double[] {1, 1});
    shift[0] = 99;
    s.shift()[1] = 99;
    assertArrayEquals(new double[] {1, 2}, s.shift(), 0.0);
  }

  @Test
  void equalsComparesArrayContents() {
    Scaling a = new Scaling(ScalingKind.MINMAX, new double[] {1}, new double[] {2});
    assertEquals(a, new Scaling(ScalingKind.MINMAX, new double[] {1}, new double[] {2}));
    assertEquals(a.hashCode(), new Scaling(ScalingKind.MINMAX, new double[] {1}, new double[] {2}).hashCode());
  }

  @Test
  void parsesKindsCaseInsensitivelyAndRejectsOthers() {
    assertEquals(ScalingKind.MINMAX, ScalingKind.parse(" MinMax "));
    assertEquals(ScalingKind.NONE, ScalingKind.parse("none"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScalingKind.parse("zscore"));
    assertEquals("unknown scaling 'zscore': expected one of none, standard, minmax, auto", e.getMessage());
  }
}
