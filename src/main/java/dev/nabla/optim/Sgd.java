package dev.nabla.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain stochastic gradient descent (Robbins &amp; Monro 1951): θ ← θ − η g, with g the batch's mean
 * gradient. No state beyond the step count.
 */
public final class Sgd implements Optimizer {
  private static final long serialVersionUID = 1L;

  private long steps;

  @Override public String name() {
    return "sgd";
  }

  @Override public void step(double[] params, double[] meanGradient, double learningRate) {
    if (params.length != meanGradient.length) {
      throw new IllegalArgumentException("params " + params.length + " vs gradient " + meanGradient.length);
    }
    for (int i = 0; i < params.length; i++) {
      params[i] -= learningRate * meanGradient[i];
    }
    steps++;
  }

  @Override public long steps() {
    return steps;
  }

  @Override public Map<String, double[]> state() {
    Map<String, double[]> s = new LinkedHashMap<>();
    s.put("steps", new double[] {steps});
    return s;
  }

  @Override public void restoreState(Map<String, double[]> state) {
    double[] s = state.get("steps");
    if (s == null || s.length != 1) {
      throw new IllegalArgumentException("sgd state needs 'steps'");
    }
    steps = (long) s[0];
  }
}
