package dev.nabla.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer 2011, "Adaptive subgradient methods for online learning and
 * stochastic optimization", JMLR 12), diagonal form:
 * <pre>
 *   G ← G + g²
 *   θ ← θ − η g / (√G + ε)
 * </pre>
 * element-wise, with g the MEAN gradient of the batch and G starting at 0. Default ε =
 * {@value #DEFAULT_EPSILON}. State: {@code sumSquares} (G) and {@code steps}.
 */
public final class AdaGrad extends StatefulOptimizer {
  private static final long serialVersionUID = 1L;

  /** The default ε added to √G. */
  public static final double DEFAULT_EPSILON = 1e-10;

  private final double epsilon;
  private final double[] sumSquares;

  /** With ε = {@value #DEFAULT_EPSILON}. */
  public AdaGrad(int numParams) {
    this(numParams, DEFAULT_EPSILON);
  }

  /** @param epsilon ε &gt; 0 */
  public AdaGrad(int numParams, double epsilon) {
    super(numParams);
    this.epsilon = Check.positive("epsilon", epsilon);
    this.sumSquares = newMoment("sumSquares");
  }

  @Override public String name() {
    return "adagrad";
  }

  @Override void update(double[] params, double[] g, double learningRate, long t, int from, int to) {
    for (int i = from; i < to; i++) {
      sumSquares[i] += g[i] * g[i];
      params[i] -= learningRate * g[i] / (Math.sqrt(sumSquares[i]) + epsilon);
    }
  }

  @Override public Map<String, Double> hyperParameters() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("epsilon", epsilon);
    return m;
  }
}
