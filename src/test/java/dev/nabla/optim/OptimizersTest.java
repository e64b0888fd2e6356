package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Loss;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The factory by command-line name, the validated config, and the defaults the optimizers report. */
class OptimizersTest {
  static final Topology T = Topology.of(new int[] {2, 3, 2}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY);
  static final int N = T.numParams();

  static String rejection(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void createsEachOptimizerByNameWithItsDefaults() {
    assertEquals(List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"), Optimizers.NAMES);
    for (String name : Optimizers.NAMES) {
      Optimizer o = Optimizers.create(name.toUpperCase(), OptimizerConfig.DEFAULTS, N, T);
      assertEquals(name, o.name());
      assertEquals(0, o.steps());
    }
    assertEquals(Map.of(), Optimizers.create("sgd", OptimizerConfig.DEFAULTS, N, T).hyperParameters());
    assertEquals(Map.of("momentum", 0.9), Optimizers.create("momentum", OptimizerConfig.DEFAULTS, N, T).hyperParameters());
    assertEquals(Map.of("momentum", 0.9), Optimizers.create("nesterov", OptimizerConfig.DEFAULTS, N, T).hyperParameters());
    assertEquals(Map.of("epsilon", 1e-10), Optimizers.create("adagrad", OptimizerConfig.DEFAULTS, N, T).hyperParameters());
    assertEquals(Map.of("rho", 0.9, "epsilon", 1e-8),
        Optimizers.create("rmsprop", OptimizerConfig.DEFAULTS, N, T).hyperParameters());
    assertEquals(Map.of("beta1", 0.9, "beta2", 0.999, "epsilon", 1e-8),
        Optimizers.create("adam", OptimizerConfig.DEFAULTS, N, T).hyperParameters());
    assertEquals(Map.of("beta1", 0.9, "beta2", 0.999, "epsilon", 1e-8, "weight-decay", 0.01),
        Optimizers.create("adamw", OptimizerConfig.DEFAULTS, N, T).hyperParameters());
  }

  @Test
  void configValuesReachTheOptimizer() {
    OptimizerConfig cfg = new OptimizerConfig(null, 0.5, 0.75, 1e-6, 0.2, null);
    assertEquals(Map.of("beta1", 0.5, "beta2", 0.75, "epsilon", 1e-6, "weight-decay", 0.2),
        Optimizers.create("adamw", cfg, N, T).hyperParameters());
    assertEquals(Map.of("rho", 0.6, "epsilon", 1e-8),
        Optimizers.create("rmsprop", new OptimizerConfig(null, null, null, null, null, 0.6), N, T).hyperParameters());
  }

  @Test
  void rejectsUnknownNameListingValidOnes() {
    String m = rejection(() -> Optimizers.create("adadelta", OptimizerConfig.DEFAULTS, N, T));
    assertEquals("unknown optimizer 'adadelta'; valid: sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw", m);
  }

  @Test
  void rejectsSettingTheChosenOptimizerDoesNotUse() {
    String m = rejection(() -> Optimizers.create("adam", new OptimizerConfig(null, null, null, null, 0.1, null), N, T));
    assertTrue(m.startsWith("weight-decay is not used by adam (used by adamw)"), m);
    String mu = rejection(() -> Optimizers.create("sgd", new OptimizerConfig(0.9, null, null, null, null, null), N, T));
    assertTrue(mu.startsWith("momentum is not used by sgd (used by momentum, nesterov)"), mu);
  }

  @Test
  void adamWNeedsTheTopologyAndSizesMustAgree() {
    assertTrue(rejection(() -> Optimizers.create("adamw", OptimizerConfig.DEFAULTS, N, null)).contains("topology"));
    assertTrue(rejection(() -> Optimizers.create("adam", OptimizerConfig.DEFAULTS, N + 1, T))
        .startsWith("numParams " + (N + 1) + " does not match"));
  }

  @Test
  void configRejectsOutOfRangeValuesNamingTheField() {
    assertEquals("beta1 must be in [0, 1), got 1.2", rejection(() -> new OptimizerConfig(null, 1.2, null, null, null, null)));
    assertEquals("beta2 must be in [0, 1), got 1.0", rejection(() -> new OptimizerConfig(null, null, 1.0, null, null, null)));
    assertEquals("momentum must be in [0, 1), got -0.1",
        rejection(() -> new OptimizerConfig(-0.1, null, null, null, null, null)));
    assertEquals("epsilon must be a positive finite number, got 0.0",
        rejection(() -> new OptimizerConfig(null, null, null, 0.0, null, null)));
    assertEquals("weight-decay must be a finite number >= 0, got NaN",
        rejection(() -> new OptimizerConfig(null, null, null, null, Double.NaN, null)));
    assertEquals("rho must be in [0, 1), got 2.0", rejection(() -> new OptimizerConfig(null, null, null, null, null, 2.0)));
    assertEquals("beta1 must be in [0, 1), got 1.5", rejection(() -> new Adam(2, 1.5, 0.9, 1e-8)));
  }

  @Test
  void configReadsFlagsAndRejectsUnknownOrMalformedOnes() {
    OptimizerConfig c = OptimizerConfig.fromFlags(Map.of("beta1", "0.8", "weight-decay", "0.05"));
    assertEquals(new OptimizerConfig(null, 0.8, null, null, 0.05, null), c);
    assertEquals(Map.of("beta1", 0.8, "weight-decay", 0.05), c.setFlags());
    assertTrue(rejection(() -> OptimizerConfig.fromFlags(Map.of("beta", "0.8"))).startsWith("unknown setting --beta;"));
    assertEquals("--rho: expected a number, got 'high'", rejection(() -> OptimizerConfig.fromFlags(Map.of("rho", "high"))));
  }

  @Test
  void adamWFromTopologyDecaysWeightsButNotBiases() {
    double[] theta = new double[N];
    java.util.Arrays.fill(theta, 2.0);
    double[] zero = new double[N];
    AdamW o = new AdamW(T, 0.9, 0.999, 1e-8, 0.5);
    o.step(theta, zero, 0.1); // g = 0: the Adam part is 0/(0 + ε) = 0, only the decay acts
    boolean[] weights = ParameterMask.weightsOnly(T);
    for (int i = 0; i < N; i++) {
      assertEquals(weights[i] ? 2.0 - 0.1 * 0.5 * 2.0 : 2.0, theta[i], "entry " + i);
    }
    boolean[] expected = new boolean[N];
    java.util.Arrays.fill(expected, T.weightOffset(1), T.biasOffset(1), true);
    java.util.Arrays.fill(expected, T.weightOffset(2), T.biasOffset(2), true);
    assertArrayEquals(expected, weights);
  }
}
