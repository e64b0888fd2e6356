package dev.nabla.optim;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The bookkeeping every optimizer with per-parameter state shares: a fixed size, named moment arrays in
 * the flat layout, the step count, argument checks, and {@link #state} / {@link #restoreState} that
 * copy every array so a restored optimizer continues bit for bit.
 */
abstract class StatefulOptimizer implements Optimizer {
  private static final long serialVersionUID = 1L;

  private final int numParams;
  private final Map<String, double[]> moments = new LinkedHashMap<>();
  private long steps;

  StatefulOptimizer(int numParams) {
    this.numParams = (int) Check.atLeast("numParams", numParams, 1);
  }

  /** A zeroed array of numParams entries, saved and restored under {@code key}. */
  final double[] newMoment(String key) {
    double[] a = new double[numParams];
    moments.put(key, a);
    return a;
  }

  /** The number of parameters this optimizer was built for. */
  public final int numParams() {
    return numParams;
  }

  @Override public final void step(double[] params, double[] meanGradient, double learningRate) {
    step(params, meanGradient, learningRate, Split.SERIAL);
  }

  @Override public final void step(double[] params, double[] meanGradient, double learningRate, Split split) {
    Check.stepArguments(name(), numParams, params, meanGradient, learningRate);
    long t = ++steps;
    split.run(numParams, (from, to) -> update(params, meanGradient, learningRate, t, from, to));
  }

  @Override public final boolean updatesInRanges() {
    return true;
  }

  /**
   * The update rule, in place, on the entries [from, to): each entry's new value and state depend on that entry only.
   *
   * @param g the MEAN gradient of the batch
   * @param t the number of this step, 1 for the first
   */
  abstract void update(double[] params, double[] g, double learningRate, long t, int from, int to);

  @Override public final long steps() {
    return steps;
  }

  @Override public final Map<String, double[]> state() {
    return StateMaps.copyOf(steps, moments);
  }

  @Override public final void restoreState(Map<String, double[]> state) {
    Set<String> keys = new LinkedHashSet<>();
    keys.add(StateMaps.STEPS);
    keys.addAll(moments.keySet());
    StateMaps.requireKeys(name(), state, keys);
    long restoredSteps = StateMaps.steps(name(), state);
    for (String key : moments.keySet()) {
      StateMaps.array(name(), state, key, numParams);
    }
    moments.forEach((key, a) -> System.arraycopy(state.get(key), 0, a, 0, numParams));
    steps = restoredSteps;
  }
}
