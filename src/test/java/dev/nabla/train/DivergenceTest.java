package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Loss;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import org.junit.jupiter.api.Test;

class DivergenceTest {
  private final Topology t = Topology.of(new int[] {3, 4, 2}, new Sigmoid(), new Softmax(), Loss.CROSS_ENTROPY);
  private final Divergence d = new Divergence(t, 2, 5, 0.1);

  @Test
  void allFiniteFindsEveryKindOfNonFiniteValueAtEveryPosition() {
    for (int n = 1; n <= 9; n++) {
      assertTrue(Divergence.allFinite(filled(n)), "finite, length " + n);
      for (int i = 0; i < n; i++) {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
          double[] v = filled(n);
          v[i] = bad;
          assertFalse(Divergence.allFinite(v), bad + " at " + i + " of " + n);
        }
      }
    }
    assertTrue(Divergence.allFinite(new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE}));
  }

  @Test
  void meanAndCheckWritesTheMeanAndNamesTheLayerOfANonFiniteGradient() {
    double[] sum = filled(t.numParams());
    double[] mean = new double[t.numParams()];
    double[] params = new double[t.numParams()];
    d.meanAndCheck(1.0, sum, 0.25, mean, params, 1, 1);
    double[] expected = new double[sum.length];
    for (int i = 0; i < sum.length; i++) {
      expected[i] = sum[i] * 0.25;
    }
    assertArrayEquals(expected, mean, 0.0);
    sum[t.biasOffset(2)] = Double.NaN;
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> d.meanAndCheck(1.0, sum, 0.25, mean, params, 2, 3));
    assertTrue(e.getMessage().contains("layer 2 (b)") && e.getMessage().contains("epoch 2/2 step 3/5"), e.getMessage());
    double[] fine = filled(t.numParams());
    DivergenceException loss = assertThrows(DivergenceException.class,
        () -> d.meanAndCheck(Double.POSITIVE_INFINITY, fine, 1, mean, params, 1, 1));
    assertTrue(loss.getMessage().contains("the loss is Infinity"), loss.getMessage());
  }

  @Test
  void checkParamsNamesTheLayerThatOverflowed() {
    double[] params = filled(t.numParams());
    d.checkParams(params, 1, 1);
    params[t.weightOffset(1) + 2] = Double.NEGATIVE_INFINITY;
    DivergenceException e = assertThrows(DivergenceException.class, () -> d.checkParams(params, 1, 4));
    assertEquals(true, e.getMessage().contains("layer 1 (W)"), e.getMessage());
  }

  private static double[] filled(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i % 3 - 1) * 1.5e300 + i;
    }
    return v;
  }
}
