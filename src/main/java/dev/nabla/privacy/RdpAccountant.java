package dev.nabla.privacy;

/**
 * Rényi-DP accounting of DP-SGD: T steps of the sampled Gaussian mechanism (each example in the batch
 * independently with probability q, i.e. Poisson sampling; per-example clipping to C; noise N(0, σ²C²)
 * on the sum), converted to (ε, δ).
 *
 * <p>One step at integer order α has RDP (Mironov, Talwar &amp; Zhang 2019, "Rényi Differential Privacy of
 * the Sampled Gaussian Mechanism", Sec. 3.3, the exact binomial expansion)
 * <pre>
 *   ε_1(α) = 1/(α−1) · log A_α,   A_α = Σ_{i=0..α} C(α,i) (1−q)^{α−i} q^i exp((i² − i) / (2σ²))
 * </pre>
 * computed as log A_α = log1p(Σ_{i≥2} C(α,i) (1−q)^{α−i} q^i expm1((i² − i)/(2σ²))) with every term in
 * log space (the i = 0, 1 terms and the binomial sum 1 are taken out exactly), so neither tiny A_α − 1
 * nor huge terms lose precision. Composition over T steps multiplies by T. Only the integer
 * {@link #ORDERS} are used (no fractional orders), which can only make ε larger (conservative).
 *
 * <p>(ε, δ) from RDP: Balle, Barthe, Gaboardi, Hsu &amp; Sato 2020 ("Hypothesis testing interpretations and
 * Rényi differential privacy", Thm. 21), as Opacus uses:
 * ε = min_α [ T ε_1(α) + log((α−1)/α) − (log δ + log α)/(α − 1) ], never more than the classic
 * min_α [ T ε_1(α) + log(1/δ)/(α − 1) ] ({@link #classicEpsilon}).
 */
public final class RdpAccountant {
  /** The orders α searched: 2..64, then 72, 80, 96, 128, 160, 192, 256, 512. */
  public static final int[] ORDERS = orders();

  private RdpAccountant() {
  }

  /** The privacy spent: ε at the given δ and the order α that gave it. */
  public record Spent(double epsilon, int order) {
  }

  private static int[] orders() {
    int[] extra = {72, 80, 96, 128, 160, 192, 256, 512};
    int[] o = new int[63 + extra.length];
    for (int a = 2; a <= 64; a++) {
      o[a - 2] = a;
    }
    System.arraycopy(extra, 0, o, 63, extra.length);
    return o;
  }

  /**
   * The RDP ε_1(α) of ONE step of the sampled Gaussian mechanism with sampling rate q and noise
   * multiplier σ, at integer order α ≥ 2. +∞ when σ = 0 and q &gt; 0; 0 when q = 0.
   */
  public static double rdp(double q, double sigma, int alpha) {
    check(q, sigma);
    if (alpha < 2) {
      throw new IllegalArgumentException("order alpha must be an integer ≥ 2, got " + alpha);
    }
    if (q == 0) {
      return 0;
    }
    if (sigma == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double logQ = Math.log(q);
    double log1mQ = Math.log1p(-q);
    double[] terms = new double[alpha - 1];
    double logBinom = Math.log(alpha); // log C(α, 1)
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 2; i <= alpha; i++) {
      logBinom += Math.log(alpha - i + 1) - Math.log(i);
      double e = (double) i * (i - 1) / (2 * sigma * sigma);
      double logExpm1 = e > 30 ? e + Math.log1p(-Math.exp(-e)) : Math.log(Math.expm1(e));
      double rest = (alpha - i) == 0 ? 0 : (alpha - i) * log1mQ; // (1−q)^0 = 1 also for q = 1
      double t = logBinom + rest + i * logQ + logExpm1;
      terms[i - 2] = t;
      max = Math.max(max, t);
    }
    double s = 0;
    for (double t : terms) {
      s += Math.exp(t - max);
    }
    double logSum = max + Math.log(s); // log(A_α − 1)
    double logA = logSum < 30 ? Math.log1p(Math.exp(logSum)) : logSum + Math.log1p(Math.exp(-logSum));
    return logA / (alpha - 1);
  }

  /** ε after {@code steps} steps at δ (Balle et al. 2020's conversion), minimised over {@link #ORDERS}. */
  public static Spent spent(double q, double sigma, long steps, double delta) {
    return minimise(q, sigma, steps, delta, false);
  }

  /** ε after {@code steps} steps at δ (Balle et al. 2020's conversion). */
  public static double epsilon(double q, double sigma, long steps, double delta) {
    return spent(q, sigma, steps, delta).epsilon();
  }

  /** ε by the classic conversion ε = min_α T ε_1(α) + log(1/δ)/(α−1) (Mironov 2017, Prop. 3). */
  public static double classicEpsilon(double q, double sigma, long steps, double delta) {
    return minimise(q, sigma, steps, delta, true).epsilon();
  }

  private static Spent minimise(double q, double sigma, long steps, double delta, boolean classic) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be ≥ 0, got " + steps);
    }
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
    }
    check(q, sigma);
    if (steps == 0 || q == 0) {
      return new Spent(0, ORDERS[0]);
    }
    double best = Double.POSITIVE_INFINITY;
    int bestOrder = ORDERS[0];
    for (int a : ORDERS) {
      double r = steps * rdp(q, sigma, a);
      double eps = classic ? r + Math.log(1 / delta) / (a - 1)
          : r + Math.log((a - 1.0) / a) - (Math.log(delta) + Math.log(a)) / (a - 1);
      if (eps < best) {
        best = eps;
        bestOrder = a;
      }
    }
    return new Spent(Math.max(0, best), bestOrder);
  }

  private static void check(double q, double sigma) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("sampling rate q must be in [0, 1], got " + q);
    }
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("noise multiplier must be a finite number ≥ 0, got " + sigma);
    }
  }
}
