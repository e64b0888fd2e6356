package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** BP4's GEMM over a batch really is Σ_x δ_x a_xᵀ: the batch gradient equals the per-sample sum. */
class BatchGradientTest {

  @Test
  void batchGradientEqualsSumOfPerSampleGradients() {
    Topology t = Topology.of(new int[] {6, 8, 5, 4}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
    double[] params = Init.GLOROT_UNIFORM.initialize(t, 3);
    int m = 13;
    double[][] xy = GradientCheck.randomBatch(t, m, 4);
    Network net = new Network(t);

    GradientSum batch = net.gradientSum(params, xy[0], xy[1], m);

    GradientSum perSample = new GradientSum(t.numParams());
    Workspace ws = net.newWorkspace(1);
    for (int c = 0; c < m; c++) {
      double[] x = java.util.Arrays.copyOfRange(xy[0], c * t.inputSize(), (c + 1) * t.inputSize());
      double[] y = java.util.Arrays.copyOfRange(xy[1], c * t.outputSize(), (c + 1) * t.outputSize());
      net.addGradient(params, x, y, 1, ws, perSample);
    }

    assertEquals(m, batch.count);
    assertEquals(m, perSample.count);
    assertEquals(perSample.lossSum, batch.lossSum, 1e-12 * Math.abs(perSample.lossSum));
    double norm = 0;
    for (double g : perSample.gradient) {
      norm = Math.max(norm, Math.abs(g));
    }
    for (int i = 0; i < t.numParams(); i++) {
      double diff = Math.abs(batch.gradient[i] - perSample.gradient[i]);
      double scale = Math.max(Math.abs(perSample.gradient[i]), 1e-3 * norm);
      final int idx = i;
      assertTrue(diff <= 1e-12 * scale, () -> "parameter " + idx + ": batch " + batch.gradient[idx]
          + " vs per-sample sum " + perSample.gradient[idx]);
    }
  }

  @Test
  void addGradientAccumulatesIntoExistingSum() {
    Topology t = Topology.of(new int[] {3, 4, 2}, new Sigmoid(), new Sigmoid(), Loss.BINARY_CROSS_ENTROPY);
    double[] params = Init.NORMAL_SCALED.initialize(t, 9);
    double[][] xy = GradientCheck.randomBatch(t, 4, 10);
    Network net = new Network(t);
    GradientSum once = net.gradientSum(params, xy[0], xy[1], 4);
    GradientSum twice = new GradientSum(t.numParams());
    Workspace ws = net.newWorkspace(4);
    net.addGradient(params, xy[0], xy[1], 4, ws, twice);
    net.addGradient(params, xy[0], xy[1], 4, ws, twice);
    for (int i = 0; i < t.numParams(); i++) {
      assertEquals(2 * once.gradient[i], twice.gradient[i], 1e-15 * Math.abs(once.gradient[i]) + 1e-300);
    }
    assertEquals(8, twice.count);
  }
}
