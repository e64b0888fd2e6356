package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Loss;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.Topology;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checkpointing: a restored optimizer continues bit for bit; bad states are rejected by name. */
class OptimizerStateTest {
  static final Topology T = Topology.of(new int[] {3, 2, 1}, new Tanh(), new Tanh(), Loss.QUADRATIC);
  static final int N = T.numParams();

  static Iterable<String> names() {
    return Optimizers.NAMES;
  }

  static Optimizer make(String name) {
    return Optimizers.create(name, OptimizerConfig.DEFAULTS, N, T);
  }

  /** Steps t0+1 … t0+count with a θ-dependent gradient (a quadratic plus a sine). */
  static void steps(Optimizer o, double[] theta, int t0, int count) {
    double[] g = new double[N];
    for (int t = t0 + 1; t <= t0 + count; t++) {
      for (int i = 0; i < N; i++) {
        g[i] = (i + 1) * theta[i] - 0.5 + Math.sin(t * 0.37 + i);
      }
      o.step(theta, g, 0.01 + 0.001 * t);
    }
  }

  static double[] start() {
    double[] theta = new double[N];
    for (int i = 0; i < N; i++) {
      theta[i] = 0.1 * i - 0.4;
    }
    return theta;
  }

  @ParameterizedTest
  @MethodSource("names")
  void restoredOptimizerContinuesBitwiseIdentically(String name) {
    Optimizer uninterrupted = make(name);
    double[] a = start();
    steps(uninterrupted, a, 0, 10);
    Map<String, double[]> mid = uninterrupted.state();
    steps(uninterrupted, a, 10, 10);

    Optimizer first = make(name);
    double[] b = start();
    steps(first, b, 0, 10);
    Map<String, double[]> saved = first.state();
    Optimizer resumed = make(name);
    resumed.restoreState(saved);
    assertEquals(10, resumed.steps());
    steps(resumed, b, 10, 10);

    assertArrayEquals(a, b);
    assertEquals(20, resumed.steps());
    assertEquals(mid.keySet(), saved.keySet());
    Map<String, double[]> end = uninterrupted.state();
    resumed.state().forEach((k, v) -> assertArrayEquals(end.get(k), v, k));
  }

  /** The optimizers with per-parameter state (SGD has only the step count: a fresh SGD resumes exactly). */
  static Iterable<String> statefulNames() {
    return Optimizers.NAMES.stream().filter(n -> !n.equals("sgd")).toList();
  }

  @ParameterizedTest
  @MethodSource("statefulNames")
  void freshOptimizerWithoutRestoreDivergesFromResumedRun(String name) {
    double[] a = start();
    Optimizer o = make(name);
    steps(o, a, 0, 20);
    double[] b = start();
    steps(make(name), b, 0, 10);
    steps(make(name), b, 10, 10);
    assertFalse(Arrays.equals(a, b), name + ": its state must matter, or the restore test proves nothing");
  }

  @ParameterizedTest
  @MethodSource("names")
  void stateIsACopy(String name) {
    Optimizer o = make(name);
    double[] theta = start();
    steps(o, theta, 0, 3);
    Map<String, double[]> s = o.state();
    Map<String, double[]> before = o.state();
    s.values().forEach(v -> Arrays.fill(v, 7.0));
    o.state().forEach((k, v) -> assertArrayEquals(before.get(k), v, k));
  }

  @Test
  void restoreRejectsStateOfAnotherKind() {
    Map<String, double[]> momentumState = make("momentum").state();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> make("adam").restoreState(momentumState));
    assertTrue(e.getMessage().contains("adam state must have the keys [steps, firstMoment, secondMoment]"),
        e.getMessage());
    assertTrue(e.getMessage().contains("velocity"), e.getMessage());
  }

  @Test
  void restoreRejectsStateOfAnotherSizeAndLeavesTheOptimizerUnchanged() {
    Adam small = new Adam(2);
    small.step(new double[] {1, 2}, new double[] {0.5, 0.5}, 0.1);
    Adam big = new Adam(3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> big.restoreState(small.state()));
    assertTrue(e.getMessage().contains("'firstMoment' must have 3 entries, got 2"), e.getMessage());
    assertEquals(0, big.steps());
  }

  @Test
  void restoreRejectsFractionalStepCount() {
    Map<String, double[]> s = new LinkedHashMap<>(new Momentum(2).state());
    s.put("steps", new double[] {2.5});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Momentum(2).restoreState(s));
    assertTrue(e.getMessage().contains("'steps' must be a whole number >= 0, got 2.5"), e.getMessage());
  }

  @Test
  void stepRejectsNegativeLearningRateAndWrongLength() {
    IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
        () -> new Adam(2).step(new double[2], new double[2], -0.1));
    assertTrue(rate.getMessage().contains("learning rate must be a finite number >= 0, got -0.1"), rate.getMessage());
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> new Momentum(3).step(new double[2], new double[2], 0.1));
    assertTrue(size.getMessage().contains("built for 3"), size.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Sgd().step(new double[2], new double[3], 0.1));
  }
}
