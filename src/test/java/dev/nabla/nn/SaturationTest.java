package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Saturated sigmoid/tanh units, dead ReLU units, and per-layer weight norms, on hand-made networks. */
class SaturationTest {

  @Test
  void sigmoidIsSaturatedBeyondAboutSixAndTanhBeyondAboutThree() {
    Sigmoid s = new Sigmoid();
    Tanh t = new Tanh();
    // σ'(z) < 0.01 · 0.25  ⇔  |z| > 5.99;  tanh'(z) < 0.01 · 1  ⇔  |z| > 2.99
    assertTrue(Saturation.isSaturated(s, sigmoidDerivative(6.1)));
    assertFalse(Saturation.isSaturated(s, sigmoidDerivative(5.9)));
    assertTrue(Saturation.isSaturated(t, 1 - Math.pow(Math.tanh(3.05), 2)));
    assertFalse(Saturation.isSaturated(t, 1 - Math.pow(Math.tanh(2.9), 2)));
  }

  private static double sigmoidDerivative(double z) {
    double a = Sigmoid.value(z);
    return a * (1 - a);
  }

  @Test
  void countsSaturatedUnitSamplePairsOfASigmoidLayer() {
    // 1-2(sigmoid)-1(identity): unit 1 has z = 10x (saturated for x = 1, 2), unit 2 z = 0.1x (never).
    Topology t = Topology.of(new int[] {1, 2, 1}, new Sigmoid(), new Identity(), Loss.QUADRATIC);
    double[] params = {10, 0.1, 0, 0, 1, 1, 0};
    Workspace ws = new Workspace(t, 3);
    Network net = new Network(t);
    net.forward(params, new double[] {1, 2, 0.1}, 3, ws);
    Saturation s = new Saturation(t).add(ws, 3);
    // pairs: unit 1 saturated at x = 1 and 2 (z = 10, 20), not at x = 0.1 (z = 1): 2 of 6 pairs
    assertEquals(2.0 / 6, s.fraction(1), 1e-15);
    assertEquals(Saturation.Measure.SATURATED, s.measure(1));
    assertEquals(3, s.samples());
    assertTrue(Double.isNaN(s.fraction(2)), "the output layer is not measured");
  }

  @Test
  void reluUnitIsDeadOnlyWhenNeverActiveAcrossMergedBatches() {
    // 1-3(relu)-1: unit 1 z = x − 100 (dead for small x), unit 2 z = x (active for x > 0), unit 3 z = −x.
    Topology t = Topology.of(new int[] {1, 3, 1}, new Relu(), new Identity(), Loss.QUADRATIC);
    double[] params = {1, 1, -1, -100, 0, 0, 1, 1, 1, 0};
    Network net = new Network(t);
    Workspace ws = new Workspace(t, 2);
    net.forward(params, new double[] {1, 2}, 2, ws);
    Saturation a = new Saturation(t).add(ws, 2);
    assertEquals(2.0 / 3, a.fraction(1), 1e-15, "units 1 and 3 never active on positive inputs");
    net.forward(params, new double[] {-5}, 1, ws);
    Saturation b = new Saturation(t).add(ws, 1);
    assertEquals(2.0 / 3, b.fraction(1), 1e-15, "units 1 and 2 never active on a negative input");
    a.merge(b);
    assertEquals(1.0 / 3, a.fraction(1), 1e-15, "after merging only unit 1 was never active");
    assertEquals(Saturation.Measure.DEAD, a.measure(1));
    assertEquals(3, a.samples());
  }

  @Test
  void leakyReluAndSoftplusAreNotMeasured() {
    Topology t = Topology.of(new int[] {1, 2, 1}, new LeakyRelu(0.01), new Identity(), Loss.QUADRATIC);
    Workspace ws = new Workspace(t, 1);
    new Network(t).forward(new double[t.numParams()], new double[] {1}, 1, ws);
    Saturation s = new Saturation(t).add(ws, 1);
    assertEquals(Saturation.Measure.NONE, s.measure(1));
    assertTrue(Double.isNaN(s.fraction(1)));
    assertEquals(Saturation.Measure.NONE, Saturation.measureOf(new Softplus()));
  }

  @Test
  void refusesToMergeCountsOfAnotherTopology() {
    Topology a = Topology.of(new int[] {1, 2, 1}, new Tanh(), new Identity(), Loss.QUADRATIC);
    Topology b = Topology.of(new int[] {1, 3, 1}, new Tanh(), new Identity(), Loss.QUADRATIC);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Saturation(a).merge(new Saturation(b)));
    assertTrue(e.getMessage().contains("cannot merge"), e.getMessage());
  }

  @Test
  void weightNormsAreFrobeniusNormsOfEachWeightBlockWithoutBiases() {
    Topology t = Topology.of(new int[] {2, 2, 1}, new Sigmoid(), new Sigmoid(), Loss.QUADRATIC);
    // W¹ = (3, 4, 0, 0), b¹ = (100, 100), W² = (1, 2), b² = 7
    double[] v = {3, 4, 0, 0, 100, 100, 1, 2, 7};
    assertArrayEquals(new double[] {5, Math.sqrt(5)}, LayerNorms.weightNorms(t, v), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> LayerNorms.weightNorms(t, new double[3]));
  }

  /** The driver's one pass: the scaled copy, the norms of weightNorms bit for bit, and the finiteness probe. */
  @Test
  void scaleAndNormsWritesTheScaledCopyWithTheSameNormsBitsAndFindsAnyNonFiniteEntry() {
    Topology t = Topology.of(new int[] {7, 5, 3}, new Sigmoid(), new Sigmoid(), Loss.QUADRATIC); // odd block lengths
    java.util.SplittableRandom r = new java.util.SplittableRandom(2);
    double[] src = new double[t.numParams()];
    for (int i = 0; i < src.length; i++) {
      src[i] = r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-5, 6));
    }
    double scale = 1.0 / 112;
    double[] dst = new double[src.length];
    double[] norms = new double[t.numLayers()];
    assertTrue(LayerNorms.scaleAndNorms(t, src, scale, dst, norms));
    for (int i = 0; i < src.length; i++) {
      assertEquals(Double.doubleToRawLongBits(src[i] * scale), Double.doubleToRawLongBits(dst[i]), "entry " + i);
    }
    double[] expected = LayerNorms.weightNorms(t, dst);
    for (int l = 0; l < norms.length; l++) {
      assertEquals(Double.doubleToRawLongBits(expected[l]), Double.doubleToRawLongBits(norms[l]), "layer " + (l + 1));
    }
    for (int at : new int[] {0, t.biasOffset(1), t.weightOffset(2) + 14, t.numParams() - 1}) {
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        double[] s = src.clone();
        s[at] = bad;
        assertFalse(LayerNorms.scaleAndNorms(t, s, scale, dst, norms), bad + " at " + at);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> LayerNorms.scaleAndNorms(t, new double[3], 1, dst, norms));
    assertThrows(IllegalArgumentException.class, () -> LayerNorms.scaleAndNorms(t, src, 1, dst, new double[1]));
  }

  /** Blocks written in any order, on any thread, give scaleAndNorms' bits; a range that is not a block is refused. */
  @Test
  void scaleAndNormsBlockByBlockInAnyOrderGivesTheBitsOfOnePass() {
    Topology t = Topology.of(new int[] {90, 200, 3}, new Sigmoid(), new Sigmoid(), Loss.QUADRATIC); // 18,803: 3 blocks
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    double[] src = new double[t.numParams()];
    for (int i = 0; i < src.length; i++) {
      src[i] = r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-5, 6));
    }
    double[] dst = new double[src.length];
    double[] norms = new double[t.numLayers()];
    assertTrue(LayerNorms.scaleAndNorms(t, src, 0.5, dst, norms));
    double[] dst2 = new double[src.length];
    double[] partials = LayerNorms.newPartials(t);
    for (int b = LayerNorms.blocks(src.length) - 1; b >= 0; b--) {
      int from = b * LayerNorms.BLOCK;
      assertTrue(LayerNorms.scaleAndNormsBlock(t, src, 0.5, dst2, from, Math.min(src.length, from + LayerNorms.BLOCK),
          partials));
    }
    assertArrayEquals(dst, dst2, 0.0);
    assertArrayEquals(norms, LayerNorms.norms(t, partials), 0.0);
    assertArrayEquals(norms, LayerNorms.weightNorms(t, dst), 0.0);
    assertThrows(IllegalArgumentException.class, () -> LayerNorms.scaleAndNormsBlock(t, src, 1, dst, 1, 100, partials));
    assertThrows(IllegalArgumentException.class,
        () -> LayerNorms.scaleAndNormsBlock(t, src, 1, dst, 0, 100, partials)); // ends mid-block
  }
}
