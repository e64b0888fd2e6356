package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActivationLossTest {

  @ParameterizedTest
  @ValueSource(strings = {"sigmoid", "tanh", "relu", "leaky-relu:0.2", "softplus", "identity"})
  void derivativeMatchesFiniteDifferenceOfValue(String name) {
    Activation f = Activation.parse(name);
    double[] z = {-3.1, -0.7, -0.05, 0.3, 1.2, 4.5};
    double[] a = new double[z.length];
    double[] d = new double[z.length];
    f.apply(z, a, z.length, 1);
    f.derivative(z, a, d, z.length);
    double h = 1e-6;
    for (int i = 0; i < z.length; i++) {
      double[] zp = {z[i] + h};
      double[] zm = {z[i] - h};
      double[] ap = new double[1];
      double[] am = new double[1];
      f.apply(zp, ap, 1, 1);
      f.apply(zm, am, 1, 1);
      assertEquals((ap[0] - am[0]) / (2 * h), d[i], 1e-8, name + " at z = " + z[i]);
      double[] dd = {2.0};
      f.multiplyByDerivative(new double[] {z[i]}, new double[] {a[i]}, dd, 1);
      assertEquals(2.0 * d[i], dd[0], 1e-15);
    }
  }

  @Test
  void knownValues() {
    double[] a = new double[1];
    new Sigmoid().apply(new double[] {0}, a, 1, 1);
    assertEquals(0.5, a[0]);
    new Softplus().apply(new double[] {0}, a, 1, 1);
    assertEquals(Math.log(2), a[0], 1e-15);
    new LeakyRelu(0.1).apply(new double[] {-2}, a, 1, 1);
    assertEquals(-0.2, a[0], 1e-15);
  }

  @Test
  void softmaxAndCrossEntropyStayFiniteForLogitsOfPlusMinus1000() {
    double[] z = {1000, -1000, 0, -1000, 1000, 999};
    double[] a = new double[6];
    new Softmax().apply(z, a, 3, 2);
    for (double v : a) {
      assertTrue(Double.isFinite(v));
    }
    assertEquals(1.0, a[0], 1e-15);
    assertEquals(1.0, a[3] + a[4] + a[5], 1e-15);
    double[] y = {0, 1, 0, 1, 0, 0};
    double loss = Loss.CROSS_ENTROPY.sum(z, a, y, 3, 2);
    assertEquals(2000 + 2000 + Math.log1p(Math.exp(-1)), loss, 1e-9);
  }

  @Test
  void sigmoidAndBinaryCrossEntropyStayFiniteForLogitsOfPlusMinus1000() {
    double[] z = {1000, -1000};
    double[] a = new double[2];
    new Sigmoid().apply(z, a, 2, 1);
    assertEquals(1.0, a[0]);
    assertEquals(0.0, a[1]);
    double loss = Loss.BINARY_CROSS_ENTROPY.sum(z, a, new double[] {0, 1}, 2, 1);
    assertEquals(2000.0, loss, 1e-9);
  }

  @Test
  void rejectsIncompatiblePairingNamingValidPairs() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Topology.of(new int[] {3, 2}, new Tanh(), new Softmax(), Loss.BINARY_CROSS_ENTROPY));
    assertTrue(e.getMessage().contains("softmax"), e.getMessage());
    assertTrue(e.getMessage().contains("cross-entropy with softmax"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Topology.of(new int[] {3, 2}, new Tanh(), new Tanh(), Loss.CROSS_ENTROPY));
    assertThrows(IllegalArgumentException.class,
        () -> Topology.of(new int[] {3, 2}, new Tanh(), new Softmax(), Loss.QUADRATIC));
  }

  @Test
  void rejectsSoftmaxAsHiddenActivation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Topology.of(new int[] {3, 4, 2}, new Softmax(), new Softmax(), Loss.CROSS_ENTROPY));
    assertTrue(e.getMessage().contains("only be the output"), e.getMessage());
  }

  @Test
  void parseRejectsUnknownNamesListingAllowedOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
    assertTrue(e.getMessage().contains("swish") && e.getMessage().contains("leaky-relu"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Activation.parse("leaky-relu:abc"));
    assertThrows(IllegalArgumentException.class, () -> Activation.parse("leaky-relu:1.5"));
    assertThrows(IllegalArgumentException.class, () -> Loss.parse("hinge"));
  }
}
