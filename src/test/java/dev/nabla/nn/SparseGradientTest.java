package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backprop over sparse inputs: its gradient equals central finite differences, and the same batch given
 * dense and sparse gives the same SUMS (plain, with dropout, with per-sample clipping) and outputs.
 */
class SparseGradientTest {

  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of("sigmoid", "softmax", "cross-entropy"),
        Arguments.of("tanh", "sigmoid", "binary-cross-entropy"),
        Arguments.of("relu", "identity", "quadratic"),
        Arguments.of("leaky-relu:0.1", "softmax", "cross-entropy"),
        Arguments.of("softplus", "tanh", "quadratic"),
        Arguments.of("identity", "sigmoid", "quadratic"));
  }

  private static Topology topology(String hidden, String output, String loss, int... sizes) {
    return Topology.of(sizes, Activation.parse(hidden), Activation.parse(output), Loss.parse(loss));
  }

  @ParameterizedTest(name = "{0} hidden, {1} + {2}")
  @MethodSource("pairs")
  void sparseGradientMatchesFiniteDifferences(String hidden, String output, String loss) {
    Topology t = topology(hidden, output, loss, 30, 5, 3);
    double[] params = Init.GLOROT_NORMAL.initialize(t, 31);
    SparseBatch b = SparseBatch.random(t, 7, 3, 6, 32);

    GradientCheck.Result r = GradientCheck.check(t, params, b.sparse(), b.y(), b.cols());

    assertTrue(r.maxError() <= 1e-6, () -> "max relative error " + r.maxError() + " per layer " + r.layers());
    assertTrue(r.skippedAtKinks() < t.numParams() / 4, () -> "too many parameters at kinks: " + r.skippedAtKinks());
  }

  @ParameterizedTest(name = "{0} hidden, {1} + {2}")
  @MethodSource("pairs")
  void sparseGradientWithFixedDropoutMasksMatchesFiniteDifferences(String hidden, String output, String loss) {
    Topology t = topology(hidden, output, loss, 30, 6, 4, 3);
    double[] params = Init.GLOROT_NORMAL.initialize(t, 41);
    SparseBatch b = SparseBatch.random(t, 6, 3, 6, 42);

    GradientCheck.Result r = GradientCheck.check(t, params, b.sparse(), b.y(), b.cols(),
        new Dropout(new double[] {0.3, 0.2}), seeds(b.cols()));

    assertTrue(r.maxError() <= 1e-6, () -> "max relative error " + r.maxError() + " per layer " + r.layers());
  }

  /** How a batch's SUMS are formed: plainly, with dropout, or with dropout and per-sample clipping. */
  enum Pass { PLAIN, DROPOUT, CLIPPED }

  static Stream<Arguments> passes() {
    return Stream.of(Pass.values()).flatMap(p -> pairs().map(a -> Arguments.of(p, a.get()[0], a.get()[1], a.get()[2])));
  }

  @ParameterizedTest(name = "{0}: {1} hidden, {2} + {3}")
  @MethodSource("passes")
  void sparseAndDenseInputsGiveTheSameGradientAndLossSums(Pass pass, String hidden, String output, String loss) {
    Topology t = topology(hidden, output, loss, 40, 8, 6, 3);
    double[] params = Init.GLOROT_UNIFORM.initialize(t, 51);
    SparseBatch b = SparseBatch.random(t, 13, 2, 9, 52);
    Network net = new Network(t);
    Dropout dropout = pass == Pass.PLAIN ? null : Dropout.uniform(t, 0.25);
    long[] seeds = seeds(b.cols());
    double clip = Double.POSITIVE_INFINITY;
    if (pass == Pass.CLIPPED) {
      double[] norms = net.sampleNorms(params, b.dense(), b.y(), b.cols());
      Arrays.sort(norms);
      clip = norms[b.cols() / 2];
    }

    GradientSum dense = new GradientSum(t.numParams());
    GradientSum sparse = new GradientSum(t.numParams());
    Workspace ws = net.newWorkspace(b.cols());
    if (pass == Pass.CLIPPED) {
      net.addClippedGradient(params, b.dense(), b.y(), b.cols(), ws, dense, clip, dropout, seeds);
      net.addClippedGradient(params, b.sparse(), b.y(), b.cols(), ws, sparse, clip, dropout, seeds);
    } else {
      net.addGradient(params, b.dense(), b.y(), b.cols(), ws, dense, dropout, seeds);
      net.addGradient(params, b.sparse(), b.y(), b.cols(), ws, sparse, dropout, seeds);
    }

    assertEquals(dense.count, sparse.count);
    assertClose(dense.lossSum, sparse.lossSum, "loss sum");
    for (int i = 0; i < t.numParams(); i++) {
      assertClose(dense.gradient[i], sparse.gradient[i], "parameter " + i);
    }
    if (pass == Pass.CLIPPED) {
      GradientSum unclipped = new GradientSum(t.numParams());
      net.addGradient(params, b.sparse(), b.y(), b.cols(), net.newWorkspace(b.cols()), unclipped, dropout, seeds);
      double n = norm(unclipped.gradient);
      assertTrue(Math.abs(norm(sparse.gradient) - n) > 1e-6 * n, "clipping changed the sum");
    }
  }

  @ParameterizedTest(name = "{0} hidden, {1} + {2}")
  @MethodSource("pairs")
  void sparseAndDenseInputsGiveTheSameSampleNormsAndOutputs(String hidden, String output, String loss) {
    Topology t = topology(hidden, output, loss, 40, 8, 3);
    double[] params = Init.GLOROT_UNIFORM.initialize(t, 61);
    SparseBatch b = SparseBatch.random(t, 11, 1, 12, 62);
    Network net = new Network(t);

    double[] denseNorms = net.sampleNorms(params, b.dense(), b.y(), b.cols());
    double[] sparseNorms = net.sampleNorms(params, b.sparse(), b.y(), b.cols());
    double[] denseOut = new double[t.outputSize() * b.cols()];
    net.predict(params, b.dense(), b.cols(), denseOut, net.newWorkspace(b.cols()));
    double[] sparseOut = new double[t.outputSize() * b.cols()];
    Workspace ws = net.newWorkspace(b.cols());
    net.predict(params, b.sparse(), b.cols(), sparseOut, ws);
    Workspace denseWs = net.newWorkspace(b.cols());
    net.forward(params, b.dense(), b.cols(), denseWs);

    for (int c = 0; c < b.cols(); c++) {
      assertClose(denseNorms[c], sparseNorms[c], "norm of sample " + c);
    }
    for (int i = 0; i < denseOut.length; i++) {
      assertClose(denseOut[i], sparseOut[i], "output " + i);
    }
    for (int i = 0; i < t.size(1) * b.cols(); i++) {
      assertClose(denseWs.weightedInputs(1)[i], ws.weightedInputs(1)[i], "z¹ entry " + i);
    }
  }

  /** |a − b| ≤ 1e-12 · max(1, |a|). */
  private static void assertClose(double expected, double actual, String what) {
    double diff = Math.abs(expected - actual);
    assertTrue(diff <= 1e-12 * Math.max(1.0, Math.abs(expected)),
        () -> what + ": dense " + expected + ", sparse " + actual + " (difference " + diff + ")");
  }

  private static double norm(double[] g) {
    double s = 0;
    for (double v : g) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  private static long[] seeds(int cols) {
    long[] s = new long[cols];
    for (int c = 0; c < cols; c++) {
      s[c] = 7_000 + 31L * c;
    }
    return s;
  }
}
