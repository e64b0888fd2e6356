package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Backprop's gradient equals central finite differences for every activation × compatible loss. */
class GradientCheckTest {

  static Stream<Arguments> cases() {
    String[] hidden = {"sigmoid", "tanh", "relu", "leaky-relu:0.1", "softplus", "identity"};
    String[][] outputs = {
        {"sigmoid", "quadratic"}, {"tanh", "quadratic"}, {"relu", "quadratic"}, {"leaky-relu", "quadratic"},
        {"softplus", "quadratic"}, {"identity", "quadratic"},
        {"sigmoid", "binary-cross-entropy"}, {"softmax", "cross-entropy"}};
    List<Arguments> all = new ArrayList<>();
    for (String h : hidden) {
      for (String[] o : outputs) {
        for (int hiddenLayers = 1; hiddenLayers <= 3; hiddenLayers++) {
          for (int batch : new int[] {1, 7}) {
            all.add(Arguments.of(h, o[0], o[1], hiddenLayers, batch));
          }
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} hidden ×{3}, {1} + {2}, batch {4}")
  @MethodSource("cases")
  void backpropGradientMatchesFiniteDifferences(String hidden, String output, String loss, int hiddenLayers,
      int batch) {
    int[] sizes = new int[hiddenLayers + 2];
    sizes[0] = 4;
    for (int l = 1; l <= hiddenLayers; l++) {
      sizes[l] = 5 - (l % 2);
    }
    sizes[hiddenLayers + 1] = 3;
    Topology t = Topology.of(sizes, Activation.parse(hidden), Activation.parse(output), Loss.parse(loss));
    long seed = 17L * hiddenLayers + batch;
    double[] params = Init.GLOROT_NORMAL.initialize(t, seed);
    double[][] xy = GradientCheck.randomBatch(t, batch, seed + 1);

    GradientCheck.Result r = GradientCheck.check(t, params, xy[0], xy[1], batch);

    assertTrue(r.maxError() <= 1e-6, () -> "max relative error " + r.maxError() + " per layer " + r.layers());
    assertTrue(r.skippedAtKinks() < t.numParams() / 4, () -> "too many parameters at kinks: " + r.skippedAtKinks());
  }
}
