package dev.nabla.optim;

import java.io.Serializable;
import java.util.Map;

/**
 * A gradient update rule θ ← update(θ, g) over flat arrays.
 *
 * <p>Life cycle: construct with hyper-parameters; {@link #step} once per training step, on the driver,
 * with the MEAN gradient (1/m) Σ_x ∇C_x of that step's batch; {@link #state} / {@link #restoreState}
 * to checkpoint and resume (a restored optimizer continues exactly as an uninterrupted one would).
 */
public interface Optimizer extends Serializable {

  /** The command-line name, e.g. {@code sgd}. */
  String name();

  /**
   * Applies one update in place.
   *
   * @param params θ, updated in place
   * @param meanGradient (1/m) Σ_x ∇C_x for the step's batch, same layout; not modified
   * @param learningRate η for this step (from the schedule), finite and ≥ 0
   * @throws IllegalArgumentException if the lengths differ (from each other or from the size the
   *     optimizer was built for) or η is negative or not finite
   */
  void step(double[] params, double[] meanGradient, double learningRate);

  /**
   * As {@link #step(double[], double[], double)}, the element-wise update run through {@code split} (the same bits
   * however it splits). The optimizers here are all element-wise; one that is not ignores {@code split}.
   */
  default void step(double[] params, double[] meanGradient, double learningRate, Split split) {
    step(params, meanGradient, learningRate);
  }

  /**
   * Whether {@link #step(double[], double[], double, Split)} runs the whole update through the split, in one {@code
   * run} over all the parameters, each range reading the gradient's entries of that range only: then a caller may
   * make a range's gradient entries in the split, just before the update reads them.
   */
  default boolean updatesInRanges() {
    return false;
  }

  /** How many steps have been applied. */
  long steps();

  /** A copy of the optimizer's state (moment arrays, step count), for checkpoints. */
  Map<String, double[]> state();

  /** Restores a state returned by {@link #state} of an optimizer of the same kind and size. */
  void restoreState(Map<String, double[]> state);

  /**
   * The hyper-parameters in use (other than η), by command-line name, e.g. {@code beta1 → 0.9}, for
   * the model's manifest. Empty for plain SGD.
   */
  default Map<String, Double> hyperParameters() {
    return Map.of();
  }
}
