package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Plain full-batch gradient descent, single process, fixed seed: the network actually learns. */
class LearningTest {

  /** Full-batch GD: θ ← θ − η · (1/m) Σ_x ∇C_x, for {@code epochs} steps. */
  private static double[] train(Topology t, double[] x, double[] y, int m, double eta, int epochs, long seed) {
    Network net = new Network(t);
    double[] params = Init.GLOROT_UNIFORM.initialize(t, seed);
    Workspace ws = net.newWorkspace(m);
    GradientSum sum = new GradientSum(t.numParams());
    for (int e = 0; e < epochs; e++) {
      sum.clear();
      net.addGradient(params, x, y, m, ws, sum);
      for (int i = 0; i < params.length; i++) {
        params[i] -= eta * sum.gradient[i] / sum.count;
      }
    }
    return params;
  }

  private static double accuracy(Topology t, double[] params, double[] x, double[] y, int m) {
    Network net = new Network(t);
    int k = t.outputSize();
    double[] out = new double[k * m];
    net.predict(params, x, m, out, net.newWorkspace(m));
    int correct = 0;
    for (int c = 0; c < m; c++) {
      int predicted = 0;
      int actual = 0;
      for (int r = 1; r < k; r++) {
        if (out[c * k + r] > out[c * k + predicted]) {
          predicted = r;
        }
        if (y[c * k + r] > y[c * k + actual]) {
          actual = r;
        }
      }
      correct += predicted == actual ? 1 : 0;
    }
    return correct / (double) m;
  }

  @Test
  void learnsXorToFullAccuracy() {
    double[] x = {0, 0, 0, 1, 1, 0, 1, 1};
    double[] y = {1, 0, 0, 1, 0, 1, 1, 0}; // one-hot: class = x1 XOR x2
    Topology t = Topology.of(new int[] {2, 8, 2}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
    double[] params = train(t, x, y, 4, 0.5, 2000, 42);
    assertEquals(1.0, accuracy(t, params, x, y, 4));
  }

  @Test
  void learnsTwoMoonsToAtLeast97Percent() {
    int m = 400;
    SplittableRandom rng = new SplittableRandom(7);
    double[] x = new double[2 * m];
    double[] y = new double[2 * m];
    for (int c = 0; c < m; c++) {
      int label = c % 2;
      double angle = Math.PI * rng.nextDouble();
      double px = label == 0 ? Math.cos(angle) : 1 - Math.cos(angle);
      double py = label == 0 ? Math.sin(angle) : 0.5 - Math.sin(angle);
      x[2 * c] = px + 0.1 * rng.nextGaussian();
      x[2 * c + 1] = py + 0.1 * rng.nextGaussian();
      y[2 * c + label] = 1;
    }
    Topology t = Topology.of(new int[] {2, 16, 16, 2}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
    double[] params = train(t, x, y, m, 0.5, 3000, 11);
    double acc = accuracy(t, params, x, y, m);
    assertTrue(acc >= 0.97, "two-moons training accuracy " + acc);
  }
}
