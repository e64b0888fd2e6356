package dev.nabla.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba 2015, "Adam: A method for stochastic optimization", ICLR, arXiv:1412.6980,
 * Algorithm 1), with bias correction; at step t = 1, 2, …:
 * <pre>
 *   m ← β1 m + (1 − β1) g
 *   v ← β2 v + (1 − β2) g²
 *   m̂ = m / (1 − β1^t),  v̂ = v / (1 − β2^t)
 *   θ ← θ − η m̂ / (√v̂ + ε)
 * </pre>
 * element-wise, with g the MEAN gradient of the batch and m, v starting at 0. Defaults β1 =
 * {@value #DEFAULT_BETA1}, β2 = {@value #DEFAULT_BETA2}, ε = {@value #DEFAULT_EPSILON}. State:
 * {@code firstMoment} (m), {@code secondMoment} (v) and {@code steps} (t, which the bias correction
 * needs).
 */
public final class Adam extends StatefulOptimizer {
  private static final long serialVersionUID = 1L;

  /** The default decay β1 of the first moment. */
  public static final double DEFAULT_BETA1 = 0.9;
  /** The default decay β2 of the second moment. */
  public static final double DEFAULT_BETA2 = 0.999;
  /** The default ε added to √v̂. */
  public static final double DEFAULT_EPSILON = 1e-8;

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double[] m;
  private final double[] v;

  /** With β1 = {@value #DEFAULT_BETA1}, β2 = {@value #DEFAULT_BETA2}, ε = {@value #DEFAULT_EPSILON}. */
  public Adam(int numParams) {
    this(numParams, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
  }

  /**
   * @param beta1 β1 in [0, 1)
   * @param beta2 β2 in [0, 1)
   * @param epsilon ε &gt; 0
   */
  public Adam(int numParams, double beta1, double beta2, double epsilon) {
    super(numParams);
    this.beta1 = Check.unitInterval("beta1", beta1);
    this.beta2 = Check.unitInterval("beta2", beta2);
    this.epsilon = Check.positive("epsilon", epsilon);
    this.m = newMoment("firstMoment");
    this.v = newMoment("secondMoment");
  }

  @Override public String name() {
    return "adam";
  }

  @Override void update(double[] params, double[] g, double learningRate, long t, int from, int to) {
    adamStep(params, g, learningRate, t, m, v, beta1, beta2, epsilon, from, to);
  }

  /** The Adam update of Algorithm 1 on (m, v) and θ, in place on the entries [from, to); shared with {@link AdamW}. */
  static void adamStep(double[] params, double[] g, double learningRate, long t, double[] m, double[] v,
      double beta1, double beta2, double epsilon, int from, int to) {
    double correction1 = 1 - StrictMath.pow(beta1, t);
    double correction2 = 1 - StrictMath.pow(beta2, t);
    for (int i = from; i < to; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * (g[i] * g[i]);
      double mHat = m[i] / correction1;
      double vHat = v[i] / correction2;
      params[i] -= learningRate * mHat / (Math.sqrt(vHat) + epsilon);
    }
  }

  @Override public Map<String, Double> hyperParameters() {
    Map<String, Double> h = new LinkedHashMap<>();
    h.put("beta1", beta1);
    h.put("beta2", beta2);
    h.put("epsilon", epsilon);
    return h;
  }
}
