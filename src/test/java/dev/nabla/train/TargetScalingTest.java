package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.model.FeatureStats;
import dev.nabla.nn.Identity;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Network;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The target scaling's math: σ and μ from statistics, standardizing, folding into the output layer, the loss. */
class TargetScalingTest {
  private final Topology topology = Topology.of(new int[] {4, 6, 3}, new Tanh(), new Identity(), Loss.QUADRATIC);
  private final TargetScaling scaling = new TargetScaling(new double[] {150, -20, 3.5}, 76.25);

  private static double[] randomArray(int n, SplittableRandom r, double spread) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = spread * r.nextGaussian();
    }
    return a;
  }

  /** The outputs (nL × cols) of the network at params on x. */
  private double[] outputs(double[] params, double[] x, int cols) {
    Network net = new Network(topology);
    Workspace ws = net.newWorkspace(cols);
    net.forward(params, x, cols, ws);
    return ws.activations(topology.numLayers()).clone();
  }

  @Test
  void foldedNetworkOutputsSigmaTimesTheOutputsPlusMu() {
    SplittableRandom r = new SplittableRandom(3);
    int cols = 7;
    for (int trial = 0; trial < 5; trial++) {
      double[] params = randomArray(topology.numParams(), r, 0.8);
      double[] x = randomArray(4 * cols, r, 1.5);
      double[] before = params.clone();
      double[] plain = outputs(params, x, cols);
      double[] folded = outputs(scaling.fold(topology, params), x, cols);
      assertArrayEquals(before, params, "fold leaves θ alone");
      for (int c = 0; c < cols; c++) {
        for (int j = 0; j < 3; j++) {
          double expected = scaling.scale() * plain[c * 3 + j] + scaling.mean()[j];
          double got = folded[c * 3 + j];
          assertEquals(expected, got, 1e-12 * Math.max(1, Math.abs(expected)), "column " + c + " target " + j);
        }
      }
    }
  }

  @Test
  void foldChangesOnlyTheOutputLayer() {
    double[] params = Init.GLOROT_UNIFORM.initialize(topology, 5);
    double[] folded = scaling.fold(topology, params);
    int outputLayer = topology.weightOffset(topology.numLayers());
    for (int i = 0; i < outputLayer; i++) {
      assertEquals(params[i], folded[i], 0.0, "hidden parameter " + i);
    }
    assertEquals(76.25 * params[outputLayer], folded[outputLayer], 0.0);
    int b = topology.biasOffset(2);
    assertEquals(76.25 * params[b + 1] - 20, folded[b + 1], 1e-13);
  }

  @Test
  void quadraticLossOnStandardizedTargetsTimesSigmaSquaredIsTheLossInDataUnits() {
    SplittableRandom r = new SplittableRandom(8);
    int cols = 9;
    double[] params = randomArray(topology.numParams(), r, 0.5);
    double[] x = randomArray(4 * cols, r, 1);
    double[] y = randomArray(3 * cols, r, 80);
    double[] standardized = y.clone();
    for (int c = 0; c < cols; c++) {
      scaling.standardize(standardized, 3 * c);
    }
    assertEquals((y[4] - -20) / 76.25, standardized[4], 1e-15);
    Network net = new Network(topology);
    Workspace ws = net.newWorkspace(cols);
    net.forward(params, x, cols, ws);
    double trained = net.lossSum(standardized, cols, ws);
    net.forward(scaling.fold(topology, params), x, cols, ws);
    double inDataUnits = net.lossSum(y, cols, ws);
    assertEquals(inDataUnits, scaling.lossFactor() * trained, 1e-11 * inDataUnits);
  }

  @Test
  void sigmaIsTheRootOfTheMeanOfTheTargetsVariances() {
    FeatureStats s = new FeatureStats(2);
    s.add(new double[] {1, 10}, 0);
    s.add(new double[] {3, 30}, 0);
    s.add(new double[] {5, 50}, 0);
    TargetScaling t = TargetScaling.of(s);
    assertArrayEquals(new double[] {3, 30}, t.mean(), 1e-12);
    // population variances 8/3 and 800/3
    assertEquals(Math.sqrt((8.0 / 3 + 800.0 / 3) / 2), t.scale(), 1e-12);
  }

  @Test
  void constantTargetsAreOnlyCentred() {
    FeatureStats s = new FeatureStats(1);
    s.add(new double[] {42}, 0);
    s.add(new double[] {42}, 0);
    TargetScaling t = TargetScaling.of(s);
    assertEquals(1.0, t.scale());
    assertEquals(42.0, t.mean()[0]);
  }

  @Test
  void refusesToFoldIntoANonLinearOutputOrTheWrongOutputSize() {
    Topology sigmoid = Topology.of(new int[] {4, 6, 3}, new Tanh(), new Sigmoid(), Loss.QUADRATIC);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> scaling.fold(sigmoid, new double[sigmoid.numParams()]));
    assertTrue(e.getMessage().contains("identity"), e.getMessage());
    Topology two = Topology.of(new int[] {4, 6, 2}, new Tanh(), new Identity(), Loss.QUADRATIC);
    assertThrows(IllegalArgumentException.class, () -> scaling.fold(two, new double[two.numParams()]));
  }

  @Test
  void settingsRefuseStandardTargetsWhereTheyCannotBeFoldedBack() {
    Topology softmax = Topology.of(new int[] {4, 6, 3}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainSettings(softmax,
        Init.GLOROT_UNIFORM, 0.1, 8, 1, 1, null, TargetScalingKind.STANDARD));
    assertTrue(e.getMessage().startsWith("scale-target standard"), e.getMessage());
  }

  @Test
  void theDefaultIsStandardForFoldableRegressionOutsideDpSgd() {
    Topology sigmoid = Topology.of(new int[] {4, 6, 3}, new Tanh(), new Sigmoid(), Loss.QUADRATIC);
    assertEquals(TargetScalingKind.STANDARD, TargetScalingKind.defaultFor(true, topology, false));
    assertEquals(TargetScalingKind.NONE, TargetScalingKind.defaultFor(true, topology, true));
    assertEquals(TargetScalingKind.NONE, TargetScalingKind.defaultFor(true, sigmoid, false));
    assertEquals(TargetScalingKind.NONE, TargetScalingKind.defaultFor(false, topology, false));
  }
}
