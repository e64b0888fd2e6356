package dev.nabla.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RMSProp (Tieleman &amp; Hinton 2012, Coursera "Neural Networks for Machine Learning", lecture 6.5):
 * <pre>
 *   s ← ρ s + (1 − ρ) g²
 *   θ ← θ − η g / (√s + ε)
 * </pre>
 * element-wise, with g the MEAN gradient of the batch and s starting at 0. Defaults ρ =
 * {@value #DEFAULT_RHO}, ε = {@value #DEFAULT_EPSILON}. State: {@code meanSquares} (s) and {@code steps}.
 */
public final class RmsProp extends StatefulOptimizer {
  private static final long serialVersionUID = 1L;

  /** The default decay ρ of the running mean of g². */
  public static final double DEFAULT_RHO = 0.9;
  /** The default ε added to √s. */
  public static final double DEFAULT_EPSILON = 1e-8;

  private final double rho;
  private final double epsilon;
  private final double[] meanSquares;

  /** With ρ = {@value #DEFAULT_RHO} and ε = {@value #DEFAULT_EPSILON}. */
  public RmsProp(int numParams) {
    this(numParams, DEFAULT_RHO, DEFAULT_EPSILON);
  }

  /**
   * @param rho ρ in [0, 1)
   * @param epsilon ε &gt; 0
   */
  public RmsProp(int numParams, double rho, double epsilon) {
    super(numParams);
    this.rho = Check.unitInterval("rho", rho);
    this.epsilon = Check.positive("epsilon", epsilon);
    this.meanSquares = newMoment("meanSquares");
  }

  @Override public String name() {
    return "rmsprop";
  }

  @Override void update(double[] params, double[] g, double learningRate, long t, int from, int to) {
    for (int i = from; i < to; i++) {
      meanSquares[i] = rho * meanSquares[i] + (1 - rho) * (g[i] * g[i]);
      params[i] -= learningRate * g[i] / (Math.sqrt(meanSquares[i]) + epsilon);
    }
  }

  @Override public Map<String, Double> hyperParameters() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("rho", rho);
    m.put("epsilon", epsilon);
    return m;
  }
}
