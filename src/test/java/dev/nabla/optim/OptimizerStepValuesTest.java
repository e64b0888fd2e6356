package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Each optimizer's parameters after 1, 2 and 10 steps on a fixed problem: three parameters from θ0 and
 * a fixed sequence of mean gradients g_t (sign changes, one exact zero). The expectations are written
 * here in scalar arithmetic, independently of the classes: steps 1 and 2 as closed forms worked out
 * by hand, step 10 by the paper's recurrence on scalars. Agreement to 1e-15 relative.
 */
class OptimizerStepValuesTest {
  static final double[] THETA0 = {3.0, -2.5, 1.75};
  static final double ETA = 0.05;

  /** g_t[i] for t = 1..10: (i + 1) cos(0.7 t + i), except g_3[1] = 0. */
  static double grad(int t, int i) {
    return t == 3 && i == 1 ? 0.0 : (i + 1) * Math.cos(0.7 * t + i);
  }

  /** θ after {@code steps} steps of {@code o} at η = {@value #ETA}. */
  static double[] run(Optimizer o, int steps) {
    double[] theta = THETA0.clone();
    double[] g = new double[3];
    for (int t = 1; t <= steps; t++) {
      for (int i = 0; i < 3; i++) {
        g[i] = grad(t, i);
      }
      o.step(theta, g, ETA);
    }
    return theta;
  }

  static void assertRelative(double expected, double actual, String what) {
    assertTrue(Math.abs(actual - expected) <= 1e-15 * Math.abs(expected),
        what + ": expected " + expected + ", got " + actual);
  }

  interface Scalar {
    /** The expected θ_i. */
    double of(int i);
  }

  static void check(Optimizer o, int steps, Scalar expected) {
    double[] theta = run(o, steps);
    for (int i = 0; i < 3; i++) {
      assertRelative(expected.of(i), theta[i], o.name() + " θ" + i + " after " + steps + " steps");
    }
    assertEquals(steps, o.steps());
  }

  @Test
  void sgdMatchesHandComputation() {
    check(new Sgd(), 1, i -> THETA0[i] - ETA * grad(1, i));
    check(new Sgd(), 2, i -> THETA0[i] - ETA * grad(1, i) - ETA * grad(2, i));
    check(new Sgd(), 10, i -> {
      double th = THETA0[i];
      for (int t = 1; t <= 10; t++) {
        th = th - ETA * grad(t, i);
      }
      return th;
    });
  }

  @Test
  void momentumMatchesHandComputation() {
    double mu = 0.8;
    // v1 = g1; v2 = μ g1 + g2
    check(new Momentum(3, mu), 1, i -> THETA0[i] - ETA * grad(1, i));
    check(new Momentum(3, mu), 2, i -> THETA0[i] - ETA * grad(1, i) - ETA * (mu * grad(1, i) + grad(2, i)));
    check(new Momentum(3, mu), 10, i -> {
      double th = THETA0[i];
      double v = 0;
      for (int t = 1; t <= 10; t++) {
        v = mu * v + grad(t, i);
        th = th - ETA * v;
      }
      return th;
    });
  }

  @Test
  void nesterovMatchesHandComputation() {
    double mu = 0.8;
    // θ1 = θ0 − η (g1 + μ g1); θ2 = θ1 − η (g2 + μ (μ g1 + g2))
    check(new Nesterov(3, mu), 1, i -> THETA0[i] - ETA * (grad(1, i) + mu * grad(1, i)));
    check(new Nesterov(3, mu), 2, i -> THETA0[i] - ETA * (grad(1, i) + mu * grad(1, i))
        - ETA * (grad(2, i) + mu * (mu * grad(1, i) + grad(2, i))));
    check(new Nesterov(3, mu), 10, i -> {
      double th = THETA0[i];
      double v = 0;
      for (int t = 1; t <= 10; t++) {
        v = mu * v + grad(t, i);
        th = th - ETA * (grad(t, i) + mu * v);
      }
      return th;
    });
  }

  @Test
  void adaGradMatchesHandComputation() {
    double eps = 1e-10;
    // G1 = g1², √G1 = |g1|; G2 = g1² + g2²
    check(new AdaGrad(3, eps), 1, i -> THETA0[i] - ETA * grad(1, i) / (Math.abs(grad(1, i)) + eps));
    check(new AdaGrad(3, eps), 2, i -> THETA0[i] - ETA * grad(1, i) / (Math.abs(grad(1, i)) + eps)
        - ETA * grad(2, i) / (Math.sqrt(grad(1, i) * grad(1, i) + grad(2, i) * grad(2, i)) + eps));
    check(new AdaGrad(3, eps), 10, i -> {
      double th = THETA0[i];
      double sum = 0;
      for (int t = 1; t <= 10; t++) {
        sum = sum + grad(t, i) * grad(t, i);
        th = th - ETA * grad(t, i) / (Math.sqrt(sum) + eps);
      }
      return th;
    });
  }

  @Test
  void rmsPropMatchesHandComputation() {
    double rho = 0.8;
    double eps = 1e-8;
    // s1 = (1 − ρ) g1²; s2 = ρ (1 − ρ) g1² + (1 − ρ) g2²
    check(new RmsProp(3, rho, eps), 1,
        i -> THETA0[i] - ETA * grad(1, i) / (Math.sqrt(1 - rho) * Math.abs(grad(1, i)) + eps));
    check(new RmsProp(3, rho, eps), 2, i -> THETA0[i]
        - ETA * grad(1, i) / (Math.sqrt(1 - rho) * Math.abs(grad(1, i)) + eps)
        - ETA * grad(2, i) / (Math.sqrt(rho * (1 - rho) * grad(1, i) * grad(1, i)
            + (1 - rho) * grad(2, i) * grad(2, i)) + eps));
    check(new RmsProp(3, rho, eps), 10, i -> {
      double th = THETA0[i];
      double s = 0;
      for (int t = 1; t <= 10; t++) {
        s = rho * s + (1 - rho) * grad(t, i) * grad(t, i);
        th = th - ETA * grad(t, i) / (Math.sqrt(s) + eps);
      }
      return th;
    });
  }

  /** Step 1 of Adam: m̂ = g1, v̂ = g1², so θ1 = θ0 − η g1 / (|g1| + ε). */
  static double adamStep1(int i, double eps) {
    return ETA * grad(1, i) / (Math.abs(grad(1, i)) + eps);
  }

  /** Step 2 of Adam, written out: m2 = β1(1−β1) g1 + (1−β1) g2, v2 likewise, corrected by 1 − β². */
  static double adamStep2(int i, double b1, double b2, double eps) {
    double m2 = b1 * (1 - b1) * grad(1, i) + (1 - b1) * grad(2, i);
    double v2 = b2 * (1 - b2) * grad(1, i) * grad(1, i) + (1 - b2) * grad(2, i) * grad(2, i);
    return ETA * (m2 / (1 - b1 * b1)) / (Math.sqrt(v2 / (1 - b2 * b2)) + eps);
  }

  /** θ_i after 10 steps of AdamW by Algorithm 2 of Loshchilov &amp; Hutter (λ = 0 is Adam). */
  static double adamTen(int i, double b1, double b2, double eps, double decay) {
    double th = THETA0[i];
    double m = 0;
    double v = 0;
    for (int t = 1; t <= 10; t++) {
      double g = grad(t, i);
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      double mHat = m / (1 - Math.pow(b1, t));
      double vHat = v / (1 - Math.pow(b2, t));
      th = th - ETA * decay * th;
      th = th - ETA * mHat / (Math.sqrt(vHat) + eps);
    }
    return th;
  }

  @Test
  void adamMatchesHandComputation() {
    double b1 = 0.8;
    double b2 = 0.95;
    double eps = 1e-8;
    check(new Adam(3, b1, b2, eps), 1, i -> THETA0[i] - adamStep1(i, eps));
    check(new Adam(3, b1, b2, eps), 2, i -> THETA0[i] - adamStep1(i, eps) - adamStep2(i, b1, b2, eps));
    check(new Adam(3, b1, b2, eps), 10, i -> adamTen(i, b1, b2, eps, 0));
  }

  @Test
  void adamWDecaysMaskedEntriesAndOtherwiseMatchesAdam() {
    double b1 = 0.8;
    double b2 = 0.95;
    double eps = 1e-8;
    double lambda = 0.3;
    boolean[] mask = {true, false, true};
    Scalar step1 = i -> {
      double th0 = THETA0[i];
      double decayed = mask[i] ? th0 - ETA * lambda * th0 : th0;
      return decayed - adamStep1(i, eps);
    };
    check(new AdamW(mask, b1, b2, eps, lambda), 1, step1);
    check(new AdamW(mask, b1, b2, eps, lambda), 2, i -> {
      double th1 = step1.of(i);
      double decayed = mask[i] ? th1 - ETA * lambda * th1 : th1;
      return decayed - adamStep2(i, b1, b2, eps);
    });
    check(new AdamW(mask, b1, b2, eps, lambda), 10, i -> adamTen(i, b1, b2, eps, mask[i] ? lambda : 0));
  }
}
