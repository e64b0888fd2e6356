package dev.nabla.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The accountant against an independent derivation: the Rényi divergence of the sampled Gaussian
 * mechanism's two output distributions, μ1 = (1−q)N(0,σ²) + qN(1,σ²) and μ0 = N(0,σ²), integrated
 * numerically (trapezoid rule in log space on a fine grid), in both directions.
 */
class RdpAccountantTest {

  /** log ∫ exp(f(z)) dz over [lo, hi] by the trapezoid rule, summed in log space. */
  private static double logIntegral(java.util.function.DoubleUnaryOperator f, double lo, double hi, int n) {
    double h = (hi - lo) / n;
    double[] v = new double[n + 1];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k <= n; k++) {
      v[k] = f.applyAsDouble(lo + k * h);
      max = Math.max(max, v[k]);
    }
    double s = 0;
    for (int k = 0; k <= n; k++) {
      s += (k == 0 || k == n ? 0.5 : 1.0) * Math.exp(v[k] - max);
    }
    return max + Math.log(s * h);
  }

  private static double logNormal(double z, double mean, double sigma) {
    double d = (z - mean) / sigma;
    return -0.5 * d * d - Math.log(sigma * Math.sqrt(2 * Math.PI));
  }

  private static double logMixture(double z, double q, double sigma) {
    double a = Math.log1p(-q) + logNormal(z, 0, sigma);
    double b = Math.log(q) + logNormal(z, 1, sigma);
    double m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  }

  /** D_α(μ1 ‖ μ0) = 1/(α−1) log ∫ μ1^α μ0^{1−α}, numerically. */
  private static double forward(double q, double sigma, int alpha) {
    double lo = -40 * sigma - 2;
    double hi = alpha + 40 * sigma + 2;
    return logIntegral(z -> alpha * logMixture(z, q, sigma) + (1 - alpha) * logNormal(z, 0, sigma), lo, hi,
        400_000) / (alpha - 1);
  }

  /** D_α(μ0 ‖ μ1), numerically. */
  private static double reverse(double q, double sigma, int alpha) {
    double lo = -alpha - 40 * sigma - 2;
    double hi = 40 * sigma + 2;
    return logIntegral(z -> alpha * logNormal(z, 0, sigma) + (1 - alpha) * logMixture(z, q, sigma), lo, hi,
        400_000) / (alpha - 1);
  }

  @ParameterizedTest(name = "q {0}, sigma {1}, alpha {2}")
  @CsvSource({"0.01, 1.1, 2", "0.01, 1.1, 8", "0.01, 1.1, 32", "0.004267, 1.1, 12", "0.1, 0.8, 3", "0.1, 2.0, 16",
      "0.5, 1.5, 5", "1.0, 1.0, 4", "0.05, 4.0, 64"})
  void rdpEqualsNumericallyIntegratedRenyiDivergence(double q, double sigma, int alpha) {
    double exact = RdpAccountant.rdp(q, sigma, alpha);
    double numeric = forward(q, sigma, alpha);
    assertEquals(numeric, exact, 1e-7 * numeric, "D_alpha(mixture || N(0, sigma^2))");
    double other = reverse(q, sigma, alpha);
    assertTrue(other <= exact * (1 + 1e-7), "the other direction " + other + " must not exceed " + exact);
  }

  @Test
  void fullBatchIsTheGaussianMechanism() {
    // q = 1: one Gaussian mechanism of sensitivity 1 and noise σ, whose RDP is α / (2σ²) exactly.
    assertEquals(7 / (2 * 1.3 * 1.3), RdpAccountant.rdp(1.0, 1.3, 7), 1e-12);
  }

  @Test
  void abadiEtAlMomentsAccountantExampleIsReproducedWithinTheirBound() {
    // Abadi et al. 2016, Sec. 3.1: q = 0.01, σ = 4, δ = 1e-5, T = 10 000 steps gives ε ≈ 1.26 with their
    // moments accountant (an asymptotic upper bound on the same log moments, classic conversion). The
    // exact RDP with the same conversion must not be larger, and close to it (within 15%).
    double eps = RdpAccountant.classicEpsilon(0.01, 4, 10_000, 1e-5);
    assertTrue(eps <= 1.26 && eps >= 1.26 * 0.85, "epsilon " + eps);
  }

  @Test
  void balleConversionIsNeverLooserThanTheClassicOne() {
    for (double sigma : new double[] {0.7, 1.1, 2.0}) {
      double classic = RdpAccountant.classicEpsilon(256.0 / 60000, sigma, 235L * 60, 1e-5);
      double balle = RdpAccountant.epsilon(256.0 / 60000, sigma, 235L * 60, 1e-5);
      assertTrue(balle <= classic && balle > 0.8 * classic, sigma + ": " + balle + " vs " + classic);
    }
  }

  @Test
  void epsilonGrowsWithStepsAndShrinksWithNoise() {
    double q = 0.01;
    assertTrue(RdpAccountant.epsilon(q, 1.1, 2000, 1e-5) < RdpAccountant.epsilon(q, 1.1, 4000, 1e-5));
    assertTrue(RdpAccountant.epsilon(q, 2.0, 2000, 1e-5) < RdpAccountant.epsilon(q, 1.1, 2000, 1e-5));
    assertEquals(0.0, RdpAccountant.epsilon(q, 1.1, 0, 1e-5));
    assertEquals(Double.POSITIVE_INFINITY, RdpAccountant.epsilon(q, 0.0, 10, 1e-5));
  }

  @Test
  void rejectsSamplingRateAboveOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RdpAccountant.rdp(1.5, 1, 2));
    assertTrue(e.getMessage().contains("1.5"), e.getMessage());
  }
}
