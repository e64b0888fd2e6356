package dev.nabla.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nesterov accelerated gradient in the form of Sutskever, Martens, Dahl &amp; Hinton 2013 ("On the
 * importance of initialization and momentum in deep learning", ICML), as PyTorch's
 * {@code SGD(momentum=μ, nesterov=True)} computes it:
 * <pre>
 *   v ← μ v + g
 *   θ ← θ − η (g + μ v)
 * </pre>
 * with g the MEAN gradient of the batch and v starting at 0. Default μ = {@value #DEFAULT_MOMENTUM}.
 * State: {@code velocity} and {@code steps}.
 */
public final class Nesterov extends StatefulOptimizer {
  private static final long serialVersionUID = 1L;

  /** The default momentum μ. */
  public static final double DEFAULT_MOMENTUM = 0.9;

  private final double momentum;
  private final double[] velocity;

  /** With μ = {@value #DEFAULT_MOMENTUM}. */
  public Nesterov(int numParams) {
    this(numParams, DEFAULT_MOMENTUM);
  }

  /** @param momentum μ in [0, 1) */
  public Nesterov(int numParams, double momentum) {
    super(numParams);
    this.momentum = Check.unitInterval("momentum", momentum);
    this.velocity = newMoment("velocity");
  }

  @Override public String name() {
    return "nesterov";
  }

  @Override void update(double[] params, double[] g, double learningRate, long t, int from, int to) {
    for (int i = from; i < to; i++) {
      velocity[i] = momentum * velocity[i] + g[i];
      params[i] -= learningRate * (g[i] + momentum * velocity[i]);
    }
  }

  @Override public Map<String, Double> hyperParameters() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("momentum", momentum);
    return m;
  }
}
