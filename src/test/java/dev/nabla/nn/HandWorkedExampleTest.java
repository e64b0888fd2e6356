package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A 2-2-1 sigmoid network with quadratic cost, x = (1, 2), y = 1, worked by hand:
 * <pre>
 *   W¹ = [[0.1, 0.2], [0.3, 0.4]], b¹ = (0.5, −0.5), W² = [0.7, −0.8], b² = 0.2
 *   z¹ = (0.1·1 + 0.2·2 + 0.5, 0.3·1 + 0.4·2 − 0.5) = (1.0, 0.6)
 *   a¹ = (σ(1.0), σ(0.6)) = (0.7310585786, 0.6456563062)
 *   z² = 0.7·a¹₁ − 0.8·a¹₂ + 0.2 = 0.1952159601,  a² = σ(z²) = 0.5486495880
 *   C  = ½(1 − a²)² = 0.1018585972
 *   BP1 δ² = (a² − y)·a²(1 − a²) = −0.1117693548
 *   BP2 δ¹_j = W²_j δ² · a¹_j(1 − a¹_j) = (−0.0153826322, 0.0204568536)
 *   BP3 ∂C/∂b = δ;  BP4 ∂C/∂W² = δ² a¹ᵀ = (−0.0817099456, −0.0721645888), ∂C/∂W¹_jk = δ¹_j x_k
 * </pre>
 * (Values to 16 digits in the assertions were computed independently, in scalar arithmetic.)
 */
class HandWorkedExampleTest {
  private final Topology t = Topology.of(new int[] {2, 2, 1}, new Sigmoid(), new Sigmoid(), Loss.QUADRATIC);
  // Flat layout: W¹ column-major (W¹₁₁, W¹₂₁, W¹₁₂, W¹₂₂), b¹, W² (1×2), b².
  private final double[] params = {0.1, 0.3, 0.2, 0.4, 0.5, -0.5, 0.7, -0.8, 0.2};
  private final double[] x = {1, 2};
  private final double[] y = {1};

  @Test
  void forwardValuesMatchHandComputation() {
    Network net = new Network(t);
    Workspace ws = net.newWorkspace(1);
    net.forward(params, x, 1, ws);
    assertEquals(1.0, ws.weightedInputs(1)[0], 1e-15);
    assertEquals(0.6, ws.weightedInputs(1)[1], 1e-15);
    assertEquals(0.7310585786300049, ws.activations(1)[0], 1e-15);
    assertEquals(0.6456563062257954, ws.activations(1)[1], 1e-15);
    assertEquals(0.19521596006036707, ws.weightedInputs(2)[0], 1e-15);
    assertEquals(0.5486495880294197, ws.activations(2)[0], 1e-15);
    assertEquals(0.1018585971930063, net.lossSum(y, 1, ws), 1e-15);
  }

  @Test
  void deltasAndGradientsMatchHandComputation() {
    Network net = new Network(t);
    Workspace ws = net.newWorkspace(1);
    net.forward(params, x, 1, ws);
    net.computeDeltas(params, y, 1, ws);
    assertEquals(-0.11176935477439501, ws.deltas(2)[0], 1e-15);
    assertEquals(-0.015382632243542794, ws.deltas(1)[0], 1e-15);
    assertEquals(0.020456853550712504, ws.deltas(1)[1], 1e-15);

    GradientSum g = net.gradientSum(params, x, y, 1);
    double[] expected = {
        -0.015382632243542794, 0.020456853550712504, -0.030765264487085588, 0.04091370710142501, // ∂C/∂W¹
        -0.015382632243542794, 0.020456853550712504,                                             // ∂C/∂b¹
        -0.08170994563576196, -0.07216458875287635,                                              // ∂C/∂W²
        -0.11176935477439501};                                                                   // ∂C/∂b²
    assertArrayEquals(expected, g.gradient, 1e-15);
    assertEquals(1, g.count);
  }
}
