package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-sample norms and clipping inside the batch pass against brute force: each sample's own gradient
 * computed by a one-column backward pass, its norm taken entry by entry, and min(1, C/‖g_x‖) g_x summed.
 */
class PerSampleClippingTest {

  static Stream<Arguments> networks() {
    return Stream.of(
        Arguments.of("tanh softmax CE", Topology.of(new int[] {6, 8, 5, 4}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY)),
        Arguments.of("relu softmax CE", Topology.of(new int[] {5, 7, 3}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY)),
        Arguments.of("sigmoid BCE", Topology.of(new int[] {3, 4, 2}, new Sigmoid(), new Sigmoid(), Loss.BINARY_CROSS_ENTROPY)),
        Arguments.of("softplus quadratic", Topology.of(new int[] {4, 6, 6, 2}, new Softplus(), new Identity(), Loss.QUADRATIC)),
        Arguments.of("leaky-relu sigmoid quadratic",
            Topology.of(new int[] {4, 5, 3}, new LeakyRelu(0.1), new Sigmoid(), Loss.QUADRATIC)));
  }

  /** Sample c's own gradient, by a one-column backward pass. */
  private static double[] ownGradient(Network net, double[] params, double[][] xy, int c) {
    Topology t = net.topology();
    double[] x = Arrays.copyOfRange(xy[0], c * t.inputSize(), (c + 1) * t.inputSize());
    double[] y = Arrays.copyOfRange(xy[1], c * t.outputSize(), (c + 1) * t.outputSize());
    return net.gradientSum(params, x, y, 1).gradient;
  }

  private static double norm(double[] g) {
    double s = 0;
    for (double v : g) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void sampleNormsEqualBruteForcePerSampleGradientNorms(String name, Topology t) {
    double[] params = Init.GLOROT_UNIFORM.initialize(t, 11);
    int m = 17;
    double[][] xy = GradientCheck.randomBatch(t, m, 12);
    Network net = new Network(t);
    double[] norms = net.sampleNorms(params, xy[0], xy[1], m);
    assertEquals(m, norms.length);
    for (int c = 0; c < m; c++) {
      double expected = norm(ownGradient(net, params, xy, c));
      assertTrue(expected > 0, "a sample with a zero gradient proves nothing");
      assertEquals(expected, norms[c], 1e-10 * expected, name + " sample " + c);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void clippedSumEqualsBruteForceSumOfClippedPerSampleGradients(String name, Topology t) {
    double[] params = Init.GLOROT_UNIFORM.initialize(t, 21);
    int m = 19;
    double[][] xy = GradientCheck.randomBatch(t, m, 22);
    Network net = new Network(t);
    double[] norms = net.sampleNorms(params, xy[0], xy[1], m);
    double[] sorted = norms.clone();
    Arrays.sort(sorted);
    double clip = sorted[m / 2]; // about half the samples get clipped, half do not
    double[] expected = new double[t.numParams()];
    for (int c = 0; c < m; c++) {
      double[] g = ownGradient(net, params, xy, c);
      double f = Math.min(1.0, clip / norm(g));
      for (int i = 0; i < g.length; i++) {
        expected[i] += f * g[i];
      }
    }
    GradientSum sum = new GradientSum(t.numParams());
    net.addClippedGradient(params, xy[0], xy[1], m, net.newWorkspace(m), sum, clip, null, null);
    GradientSum plain = net.gradientSum(params, xy[0], xy[1], m);
    assertEquals(m, sum.count);
    assertEquals(plain.lossSum, sum.lossSum, 0.0, "the loss sum stays unclipped");
    double scale = norm(expected);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], sum.gradient[i], 1e-12 * scale, name + " parameter " + i);
    }
    assertTrue(norm(plain.gradient) > scale * (1 + 1e-6) || norm(plain.gradient) < scale * (1 - 1e-6),
        "clipping changed the sum");
  }

  @Test
  void infiniteClipGivesTheUnclippedSumBitwise() {
    Topology t = Topology.of(new int[] {6, 8, 5, 4}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY);
    double[] params = Init.HE_NORMAL.initialize(t, 5);
    int m = 16;
    double[][] xy = GradientCheck.randomBatch(t, m, 6);
    Network net = new Network(t);
    Dropout dropout = Dropout.uniform(t, 0.3);
    long[] seeds = new long[m];
    for (int c = 0; c < m; c++) {
      seeds[c] = 1000 + c;
    }
    GradientSum plain = new GradientSum(t.numParams());
    net.addGradient(params, xy[0], xy[1], m, net.newWorkspace(m), plain, dropout, seeds);
    GradientSum clipped = new GradientSum(t.numParams());
    net.addClippedGradient(params, xy[0], xy[1], m, net.newWorkspace(m), clipped, Double.POSITIVE_INFINITY,
        dropout, seeds);
    assertArrayEquals(plain.gradient, clipped.gradient, 0.0);
    assertEquals(Double.doubleToLongBits(plain.lossSum), Double.doubleToLongBits(clipped.lossSum));
  }

  @Test
  void everyClippedSampleContributesNormAtMostClip() {
    Topology t = Topology.of(new int[] {5, 7, 3}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
    double[] params = Init.GLOROT_NORMAL.initialize(t, 8);
    double[][] xy = GradientCheck.randomBatch(t, 1, 9);
    Network net = new Network(t);
    double clip = 0.25 * net.sampleNorms(params, xy[0], xy[1], 1)[0];
    GradientSum one = new GradientSum(t.numParams());
    net.addClippedGradient(params, xy[0], xy[1], 1, net.newWorkspace(1), one, clip, null, null);
    assertEquals(clip, norm(one.gradient), 1e-12 * clip);
  }

  @Test
  void rejectsNonPositiveClip() {
    Topology t = Topology.of(new int[] {2, 2}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
    Network net = new Network(t);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.addClippedGradient(
        new double[t.numParams()], new double[2], new double[2], 1, net.newWorkspace(1),
        new GradientSum(t.numParams()), 0.0, null, null));
    assertTrue(e.getMessage().contains("clip must be > 0"), e.getMessage());
  }
}
