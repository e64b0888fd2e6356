package dev.nabla.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.model.Manifest;
import dev.nabla.model.Model;
import dev.nabla.model.Scaling;
import dev.nabla.model.ScalingKind;
import dev.nabla.model.Task;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import dev.nabla.testing.OnnxAgreement;
import dev.nabla.testing.OnnxScoring;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Exported models run in ONNX Runtime and give Nabla's predictions; what cannot be exported is refused. */
class OnnxExportTest {
  static final int ROWS = 300;
  static final double TOLERANCE = 1e-5;

  @ParameterizedTest
  @ValueSource(strings = {"sigmoid", "tanh", "relu", "leaky-relu:0.3", "softplus", "identity"})
  void everyHiddenActivationClassifiesAsNablaDoes(String hidden) throws Exception {
    Model m = model(new int[] {5, 8, 6, 4}, Activation.parse(hidden), new Softmax(), Loss.CROSS_ENTROPY,
        Task.CLASSIFICATION, 4, ScalingKind.STANDARD, 3);
    double[][] rows = rawRows(m, ROWS, 4);
    try (OnnxScoring onnx = new OnnxScoring(OnnxExport.toBytes(m))) {
      OnnxScoring.Scores s = onnx.score(rows);
      OnnxAgreement a = OnnxAgreement.of(m, rows, s);
      assertEquals(ROWS, a.labelsEqual(), "labels equal to Nabla's");
      assertTrue(a.maxDifference() <= TOLERANCE, "largest probability difference " + a.maxDifference());
      assertTrue(Arrays.stream(s.labels()).distinct().count() > 1, "the rows should reach more than one class");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sigmoid", "tanh", "relu", "leaky-relu:0.3", "softplus", "identity"})
  void everyHiddenActivationRegressesAsNablaDoes(String hidden) throws Exception {
    Model m = model(new int[] {5, 8, 6, 2}, Activation.parse(hidden), Activation.parse("identity"), Loss.QUADRATIC,
        Task.REGRESSION, 0, ScalingKind.MINMAX, 5);
    double[][] rows = rawRows(m, ROWS, 6);
    try (OnnxScoring onnx = new OnnxScoring(OnnxExport.toBytes(m))) {
      OnnxAgreement a = OnnxAgreement.of(m, rows, onnx);
      assertTrue(a.maxDifference() <= TOLERANCE, "largest prediction difference " + a.maxDifference());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sigmoid", "tanh", "relu", "softplus"})
  void elementwiseOutputsWithAUnitPerClassTakeTheArgMax(String output) throws Exception {
    Activation out = Activation.parse(output);
    Loss loss = out instanceof Sigmoid ? Loss.BINARY_CROSS_ENTROPY : Loss.QUADRATIC;
    Model m = model(new int[] {4, 7, 3}, Activation.parse("tanh"), out, loss, Task.CLASSIFICATION, 3,
        ScalingKind.NONE, 7);
    double[][] rows = rawRows(m, ROWS, 8);
    try (OnnxScoring onnx = new OnnxScoring(OnnxExport.toBytes(m))) {
      OnnxAgreement a = OnnxAgreement.of(m, rows, onnx);
      assertEquals(ROWS, a.labelsEqual(), "labels equal to Nabla's");
      assertTrue(a.maxDifference() <= TOLERANCE, "largest output difference " + a.maxDifference());
    }
  }

  @Test
  void oneSigmoidUnitGivesBothClassesAndClassOneFromOneHalf() throws Exception {
    Topology t = new Topology(new int[] {1, 1}, new Activation[] {new Sigmoid()}, Loss.BINARY_CROSS_ENTROPY);
    Model m = new Model(t, new double[] {2, -1}, Scaling.none(1), Task.CLASSIFICATION, 2,
        manifest(t, Task.CLASSIFICATION, 2, ScalingKind.NONE)); // a = σ(2x − 1): x = 0.5 gives exactly 0.5
    double[][] rows = {{0.5}, {0.4999}, {0.5001}, {-3}, {4}};
    try (OnnxScoring onnx = new OnnxScoring(OnnxExport.toBytes(m))) {
      OnnxScoring.Scores s = onnx.score(rows);
      assertArrayEquals(new long[] {1, 0, 1, 0, 1}, s.labels());
      assertArrayEquals(new float[] {0.5f, 0.5f}, s.values()[0]);
      OnnxAgreement a = OnnxAgreement.of(m, rows, s);
      assertEquals(rows.length, a.labelsEqual());
      assertTrue(a.maxDifference() <= TOLERANCE, "largest probability difference " + a.maxDifference());
    }
  }

  @Test
  void refusesAParameterBeyondFloat32NamingTheLayer() {
    Topology t = Topology.of(new int[] {2, 3, 2}, new Sigmoid(), new Softmax(), Loss.CROSS_ENTROPY);
    double[] params = Init.NORMAL_SCALED.initialize(t, 1);
    params[t.weightOffset(2) + 4] = 1e39;
    Model m = new Model(t, params, Scaling.none(2), Task.CLASSIFICATION, 2,
        manifest(t, Task.CLASSIFICATION, 2, ScalingKind.NONE));
    NotExportableException e = assertThrows(NotExportableException.class, () -> OnnxExport.toBytes(m));
    assertTrue(e.getMessage().contains("layer 2's weight W[0][2] is 1.0E39")
        && e.getMessage().contains("float32"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void refusesAScalingWhoseFoldedWeightsLeaveFloat32() {
    Topology t = Topology.of(new int[] {2, 3, 2}, new Sigmoid(), new Softmax(), Loss.CROSS_ENTROPY);
    Scaling nearlyConstant = new Scaling(ScalingKind.MINMAX, new double[] {0, 0}, new double[] {1, 1e300});
    Model m = new Model(t, Init.NORMAL_SCALED.initialize(t, 1), nearlyConstant, Task.CLASSIFICATION, 2,
        manifest(t, Task.CLASSIFICATION, 2, ScalingKind.MINMAX));
    NotExportableException e = assertThrows(NotExportableException.class, () -> OnnxExport.toBytes(m));
    assertTrue(e.getMessage().contains("layer 1's weight W[0][1]")
        && e.getMessage().contains("once the minmax scaling is folded into it"), e.getMessage());
  }

  /**
   * A network with Nielsen's initialisation (biases N(0, 1)), weights doubled so that the activations
   * leave their linear region, its scaling drawn per feature (shift in [−3, 3], factor in [0.2, 5]).
   */
  static Model model(int[] sizes, Activation hidden, Activation output, Loss loss, Task task, int classes,
      ScalingKind kind, long seed) {
    Topology t = Topology.of(sizes, hidden, output, loss);
    double[] p = Init.NORMAL_SCALED.initialize(t, seed);
    for (int l = 1; l <= t.numLayers(); l++) {
      for (int i = t.weightOffset(l); i < t.biasOffset(l); i++) {
        p[i] *= 2;
      }
    }
    SplittableRandom r = new SplittableRandom(seed);
    double[] shift = new double[sizes[0]];
    double[] factor = new double[sizes[0]];
    for (int k = 0; k < sizes[0]; k++) {
      shift[k] = kind == ScalingKind.NONE ? 0 : r.nextDouble(-3, 3);
      factor[k] = kind == ScalingKind.NONE ? 1 : r.nextDouble(0.2, 5);
    }
    return new Model(t, p, new Scaling(kind, shift, factor), task, classes, manifest(t, task, classes, kind));
  }

  /** Raw rows whose scaled features are about N(0, 1): x = shift + g / factor. */
  static double[][] rawRows(Model m, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] shift = m.scaling().shift();
    double[] factor = m.scaling().factor();
    double[][] rows = new double[n][shift.length];
    for (double[] row : rows) {
      for (int k = 0; k < row.length; k++) {
        row[k] = shift[k] + r.nextGaussian() / factor[k];
      }
    }
    return rows;
  }

  static Manifest manifest(Topology t, Task task, int classes, ScalingKind kind) {
    return Manifest.create(t, task, classes, kind, 9, Map.of("optimizer", "adam"),
        Map.of("train", "file:/data/train.libsvm"), 1.5, Map.of("test_accuracy", 0.875), Map.of());
  }
}
