package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopologyInitTest {

  @Test
  void flatLayoutIsWeightsColumnMajorThenBiasesLayerByLayer() {
    Topology t = Topology.of(new int[] {784, 128, 10}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY);
    assertEquals(0, t.weightOffset(1));
    assertEquals(784 * 128, t.biasOffset(1));
    assertEquals(784 * 128 + 128, t.weightOffset(2));
    assertEquals(784 * 128 + 128 + 128 * 10, t.biasOffset(2));
    assertEquals(101_770, t.numParams());
  }

  @ParameterizedTest
  @ValueSource(strings = {"4,,3", "", "4", "4,-1,3", "4,x,3", "0,3"})
  void parseSizesRejectsMalformedLayers(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topology.parseSizes(text));
    assertTrue(e.getMessage().contains("layers"), e.getMessage());
  }

  @Test
  void parseSizesReadsCommaSeparatedIntegers() {
    assertArrayEquals(new int[] {4, 5, 3}, Topology.parseSizes("4, 5,3"));
  }

  @ParameterizedTest
  @EnumSource(Init.class)
  void sameSeedGivesSameParametersAndOtherSeedDiffers(Init init) {
    Topology t = Topology.of(new int[] {20, 30, 5}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
    assertArrayEquals(init.initialize(t, 5), init.initialize(t, 5));
    assertTrue(!java.util.Arrays.equals(init.initialize(t, 5), init.initialize(t, 6)));
  }

  @Test
  void weightScalesFollowTheirFormulas() {
    int nIn = 400;
    int nOut = 300;
    Topology t = Topology.of(new int[] {nIn, nOut}, new Tanh(), new Tanh(), Loss.QUADRATIC);
    assertEquals(2.0 / nIn, weightVariance(Init.HE_NORMAL, t), 0.05 * 2.0 / nIn);
    assertEquals(2.0 / (nIn + nOut), weightVariance(Init.GLOROT_NORMAL, t), 0.05 * 2.0 / (nIn + nOut));
    assertEquals(1.0 / nIn, weightVariance(Init.NORMAL_SCALED, t), 0.05 / nIn);
    double r = Math.sqrt(6.0 / (nIn + nOut));
    assertEquals(r * r / 3, weightVariance(Init.GLOROT_UNIFORM, t), 0.05 * r * r / 3);
    double bound = 2.4 / Math.sqrt(nIn);
    for (double w : Init.MLLIB_UNIFORM.initialize(t, 1)) {
      assertTrue(Math.abs(w) <= bound);
    }
    double[] glorot = Init.GLOROT_UNIFORM.initialize(t, 1);
    for (int j = t.biasOffset(1); j < t.numParams(); j++) {
      assertEquals(0.0, glorot[j]);
    }
  }

  private static double weightVariance(Init init, Topology t) {
    double[] p = init.initialize(t, 123);
    double s = 0;
    int n = t.biasOffset(1);
    for (int i = 0; i < n; i++) {
      s += p[i] * p[i];
    }
    return s / n;
  }
}
