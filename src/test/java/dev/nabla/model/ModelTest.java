package dev.nabla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Loss;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import org.junit.jupiter.api.Test;

class ModelTest {

  @Test
  void predictRawScalesRawFeaturesThenRunsTheNetwork() {
    Model m = TestModels.softmaxClassifier();
    // sample 1: x = (3, 1) -> x' = (1, 2) -> z1 = (-0.5, 2), a1 = (0, 2) -> z2 = (1, 4.25)
    // sample 2: x = (1, -1) -> x' = (0, -2) -> z1 = (2.5, -2), a1 = (2.5, 0) -> z2 = (2.5, -2.25)
    double[] x = {3, 1, 1, -1};
    double[] out = m.predictRaw(x, 2);
    double p1 = 1 / (1 + Math.exp(3.25));
    double p2 = 1 / (1 + Math.exp(-4.75));
    assertArrayEquals(new double[] {p1, 1 - p1, p2, 1 - p2}, out, 1e-15);
    assertArrayEquals(new double[] {3, 1, 1, -1}, x, 0.0, "the caller's features must not be scaled in place");
  }

  @Test
  void foldedParamsComputeTheScaledNetworkOnRawFeatures() {
    Model m = TestModels.softmaxClassifier();
    // W1' = W1 · diag(0.5, 2) = [[0.5, -2], [1, 1]]; b1' = b1 - W1' · (1, 0) = (0.5 - 0.5, -1 - 1); layer 2 as it was
    double[] folded = m.foldedParams();
    assertArrayEquals(new double[] {0.5, 1, -2, 1, 0, -2, 1, -1, 0.5, 2, 0, 0.25}, folded, 0.0);
    Model unscaled = new Model(m.topology(), folded, Scaling.none(2), Task.CLASSIFICATION, 2,
        TestModels.manifest(m.topology(), Task.CLASSIFICATION, 2, ScalingKind.NONE));
    double[] x = {3, 1, 1, -1, -2, 0.5};
    assertArrayEquals(m.predictRaw(x, 3), unscaled.predictRaw(x, 3), 1e-15);
  }

  @Test
  void predictClassIsTheArgmaxOfSoftmaxOutputs() {
    assertArrayEquals(new int[] {1, 0}, TestModels.softmaxClassifier().predictClass(new double[] {3, 1, 1, -1}, 2));
  }

  @Test
  void singleSigmoidOutputPredictsClassOneFromHalfUpwards() {
    Model m = TestModels.binaryClassifier();
    // a = sigmoid(2x - 1): x = 0.5 -> exactly 0.5 -> class 1; x = 0.4 -> 0.45 -> class 0
    assertArrayEquals(new int[] {1, 0, 1}, m.predictClass(new double[] {0.5, 0.4, 3}, 3));
    assertArrayEquals(new double[] {1, 0, 1}, m.predict(new double[] {0.5, 0.4, 3}, 3), 0.0);
  }

  @Test
  void regressionPredictsTheFirstOutputAndRefusesClasses() {
    Model m = TestModels.regressor();
    // x = (2, 3, 3) -> x' = (2, 1, 1) -> y = (2 + 2 + 0.5, 1 - 1 - 0.5)
    assertArrayEquals(new double[] {4.5, -0.5}, m.predictRaw(new double[] {2, 3, 3}, 1), 1e-15);
    assertArrayEquals(new double[] {4.5}, m.predict(new double[] {2, 3, 3}, 1), 1e-15);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.predictClass(new double[3], 1));
    assertTrue(e.getMessage().contains("regression"), e.getMessage());
  }

  @Test
  void rejectsParamsOfTheWrongLength() {
    Model ok = TestModels.softmaxClassifier();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Model(ok.topology(),
        new double[5], ok.scaling(), Task.CLASSIFICATION, 2, ok.manifest()));
    assertTrue(e.getMessage().contains("needs 12"), e.getMessage());
  }

  @Test
  void rejectsNonFiniteParams() {
    Model ok = TestModels.softmaxClassifier();
    double[] p = ok.params();
    p[3] = Double.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Model(ok.topology(), p, ok.scaling(), Task.CLASSIFICATION, 2, ok.manifest()));
    assertTrue(e.getMessage().contains("params[3] is NaN"), e.getMessage());
  }

  @Test
  void rejectsNumClassesThatDoNotMatchTheOutputLayer() {
    Model ok = TestModels.softmaxClassifier();
    Manifest three = TestModels.manifest(ok.topology(), Task.CLASSIFICATION, 3, ScalingKind.STANDARD);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Model(ok.topology(), ok.params(), ok.scaling(), Task.CLASSIFICATION, 3, three));
    assertTrue(e.getMessage().contains("numClasses is 3"), e.getMessage());
  }

  @Test
  void rejectsAManifestDescribingAnotherTopology() {
    Model ok = TestModels.softmaxClassifier();
    Topology other = Topology.of(new int[] {2, 3, 2}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY);
    Manifest wrong = TestModels.manifest(other, Task.CLASSIFICATION, 2, ScalingKind.STANDARD);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ok.withManifest(wrong));
    assertTrue(e.getMessage().contains("manifest describes 2-3(relu)"), e.getMessage());
  }

  @Test
  void rejectsAScalingForAnotherNumberOfFeatures() {
    Model ok = TestModels.softmaxClassifier();
    Manifest none = TestModels.manifest(ok.topology(), Task.CLASSIFICATION, 2, ScalingKind.NONE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Model(ok.topology(), ok.params(), Scaling.none(3), Task.CLASSIFICATION, 2, none));
    assertTrue(e.getMessage().contains("scaling has 3 features"), e.getMessage());
  }

  @Test
  void paramsAreCopiedInAndOut() {
    Model m = TestModels.binaryClassifier();
    m.params()[0] = 100;
    assertEquals(2.0, m.params()[0]);
  }

  @Test
  void rejectsTooFewFeatureValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TestModels.softmaxClassifier().predictRaw(new double[3], 2));
    assertTrue(e.getMessage().contains("need 4 values"), e.getMessage());
  }
}
