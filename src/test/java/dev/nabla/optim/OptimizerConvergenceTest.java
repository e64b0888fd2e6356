package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each optimizer minimises the ill-conditioned convex quadratic f(θ) = ½ θᵀAθ − bᵀθ with
 * A = diag(1, 100) (condition number 100), b = (1, −50), so θ* = A⁻¹b = (1, −0.5), from θ0 = (−2, 2),
 * with the gradient g = Aθ − b, to within the stated distance ‖θ − θ*‖₂ in the stated number of steps.
 * η was tuned per optimizer; the measured distance is in the comment, the asserted one leaves margin.
 */
class OptimizerConvergenceTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // SGD must keep η < 2/100; the slow direction then shrinks by (1 − η) per step. Measured 1.4e-8.
        Arguments.of("sgd", (Supplier<Optimizer>) Sgd::new, 0.019, 1000, 1e-6),
        // μ = 0.9 (default). Measured 1.1e-11.
        Arguments.of("momentum", (Supplier<Optimizer>) () -> new Momentum(2), 0.01, 500, 1e-8),
        // μ = 0.9 (default). Measured 2.5e-13.
        Arguments.of("nesterov", (Supplier<Optimizer>) () -> new Nesterov(2), 0.01, 500, 1e-8),
        // ε = 1e-10 (default). Measured 7.2e-11.
        Arguments.of("adagrad", (Supplier<Optimizer>) () -> new AdaGrad(2), 0.5, 300, 1e-8),
        // ρ = 0.9, ε = 1e-8 (defaults). Measured 0 (lands on θ* to the last bit).
        Arguments.of("rmsprop", (Supplier<Optimizer>) () -> new RmsProp(2), 0.01, 500, 1e-8),
        // β1 = 0.9, β2 = 0.999, ε = 1e-8 (defaults). Measured 7.6e-12.
        Arguments.of("adam", (Supplier<Optimizer>) () -> new Adam(2), 0.1, 500, 1e-8),
        // Defaults with λ = 0.01 on both entries. The decay pulls θ toward 0 while Adam's step shrinks with
        // √v̂'s long memory of the early large gradients, so AdamW closes in slowly. Measured 3.3e-5.
        Arguments.of("adamw", (Supplier<Optimizer>) () -> new AdamW(ParameterMask.all(2), AdamW.DEFAULT_BETA1,
            AdamW.DEFAULT_BETA2, AdamW.DEFAULT_EPSILON, AdamW.DEFAULT_WEIGHT_DECAY), 0.1, 10_000, 1e-4));
  }

  @ParameterizedTest(name = "{0}: eta {2}, {3} steps, within {4}")
  @MethodSource("cases")
  void convergesOnIllConditionedQuadratic(String name, Supplier<Optimizer> make, double eta, int steps,
      double tolerance) {
    Optimizer o = make.get();
    double[] theta = {-2, 2};
    double[] g = new double[2];
    for (int s = 0; s < steps; s++) {
      g[0] = 1 * theta[0] - 1;
      g[1] = 100 * theta[1] + 50;
      o.step(theta, g, eta);
    }
    double distance = Math.hypot(theta[0] - 1, theta[1] + 0.5);
    assertTrue(distance <= tolerance, name + " is " + distance + " from the optimum after " + steps + " steps");
  }
}
