package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An update run in ranges, on two threads, in any order ({@link Split}), gives the same bits as one pass: θ and the
 * state after several steps.
 */
class OptimizerSplitTest {
  static Iterable<String> names() {
    return Optimizers.NAMES;
  }

  /** Ranges of 2, the odd ones on another thread, the even ones here from last to first. */
  private static final Split TWO_THREADS = (n, body) -> {
    CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
      for (int from = 2; from < n; from += 4) {
        body.run(from, Math.min(n, from + 2));
      }
    });
    for (int from = (n - 1) / 4 * 4; from >= 0; from -= 4) {
      body.run(from, Math.min(n, from + 2));
    }
    other.join();
  };

  @ParameterizedTest
  @MethodSource("names")
  void splitUpdatesEqualOnePassBitForBit(String name) {
    Optimizer serial = OptimizerStateTest.make(name);
    Optimizer split = OptimizerStateTest.make(name);
    double[] a = OptimizerStateTest.start();
    double[] b = OptimizerStateTest.start();
    double[] g = new double[a.length];
    for (int t = 1; t <= 6; t++) {
      for (int i = 0; i < g.length; i++) {
        g[i] = (i + 1) * a[i] - 0.5 + Math.sin(t * 0.37 + i);
      }
      serial.step(a, g, 0.01 * t);
      split.step(b, g, 0.01 * t, TWO_THREADS);
      assertArrayEquals(a, b, 0.0, name + " step " + t);
    }
    Map<String, double[]> s1 = serial.state();
    Map<String, double[]> s2 = split.state();
    assertEquals(s1.keySet(), s2.keySet());
    s1.forEach((k, v) -> assertArrayEquals(v, s2.get(k), 0.0, name + " " + k));
  }
}
