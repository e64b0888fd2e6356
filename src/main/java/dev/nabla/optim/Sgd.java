package dev.nabla.optim;

import java.util.Map;

/**
 * Plain stochastic gradient descent (Robbins &amp; Monro 1951): θ ← θ − η g, with g the batch's mean
 * gradient. No state beyond the step count; works on arrays of any (matching) length.
 */
public final class Sgd implements Optimizer {
  private static final long serialVersionUID = 1L;

  private long steps;

  @Override public String name() {
    return "sgd";
  }

  @Override public void step(double[] params, double[] meanGradient, double learningRate) {
    step(params, meanGradient, learningRate, Split.SERIAL);
  }

  @Override public void step(double[] params, double[] meanGradient, double learningRate, Split split) {
    Check.stepArguments(name(), -1, params, meanGradient, learningRate);
    split.run(params.length, (from, to) -> {
      for (int i = from; i < to; i++) {
        params[i] -= learningRate * meanGradient[i];
      }
    });
    steps++;
  }

  @Override public final boolean updatesInRanges() {
    return true;
  }

  @Override public long steps() {
    return steps;
  }

  @Override public Map<String, double[]> state() {
    return StateMaps.copyOf(steps, Map.of());
  }

  @Override public void restoreState(Map<String, double[]> state) {
    StateMaps.requireKeys(name(), state, java.util.Set.of(StateMaps.STEPS));
    steps = StateMaps.steps(name(), state);
  }
}
