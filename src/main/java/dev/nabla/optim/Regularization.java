package dev.nabla.optim;

import dev.nabla.nn.Topology;
import java.io.Serializable;

/**
 * L2 and L1 penalties on the parameters, as terms of the MEAN loss:
 * <pre>
 *   penalty(θ) = λ2/2 · Σ θ_i² + λ1 · Σ |θ_i|        (over the masked entries)
 *   ∇ penalty  = λ2 θ_i + λ1 sign(θ_i)                (sign(0) = 0, a subgradient)
 * </pre>
 * By default the mask holds the weights W^l and not the biases b^l. The trainer adds the gradient to
 * the batch's MEAN gradient before clipping and the optimizer step, and the penalty to the reported
 * mean loss. (L2 here enters Adam's moments; {@link AdamW}'s decoupled decay does not.)
 */
public final class Regularization implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double l1;
  private final double l2;
  private final boolean[] mask;

  /**
   * @param l1 λ1 ≥ 0
   * @param l2 λ2 ≥ 0
   * @param mask which entries are penalised (its length is the number of parameters); copied
   */
  public Regularization(double l1, double l2, boolean[] mask) {
    this.l1 = Check.nonNegative("l1", l1);
    this.l2 = Check.nonNegative("l2", l2);
    this.mask = mask.clone();
  }

  /** Penalises the weights of {@code t}, not its biases (the default). */
  public static Regularization of(Topology t, double l1, double l2) {
    return of(t, l1, l2, false);
  }

  /** Penalises the weights of {@code t}, and its biases too if {@code includeBiases}. */
  public static Regularization of(Topology t, double l1, double l2, boolean includeBiases) {
    return new Regularization(l1, l2, includeBiases ? ParameterMask.all(t.numParams()) : ParameterMask.weightsOnly(t));
  }

  /** Whether both λ are 0 (then both methods change nothing and the penalty is 0). */
  public boolean isNone() {
    return l1 == 0 && l2 == 0;
  }

  /**
   * Adds λ2 θ_i + λ1 sign(θ_i) to {@code meanGradient[i]} for each masked entry, in place.
   *
   * @param meanGradient the batch's MEAN gradient, same layout as params
   */
  public void addGradient(double[] params, double[] meanGradient) {
    checkLengths(params, meanGradient.length);
    for (int i = 0; i < params.length; i++) {
      if (mask[i]) {
        meanGradient[i] += l2 * params[i] + l1 * Math.signum(params[i]);
      }
    }
  }

  /** λ2/2 · Σ θ_i² + λ1 · Σ |θ_i| over the masked entries: the term to add to the MEAN loss. */
  public double penalty(double[] params) {
    checkLengths(params, params.length);
    double squares = 0;
    double absolutes = 0;
    for (int i = 0; i < params.length; i++) {
      if (mask[i]) {
        squares += params[i] * params[i];
        absolutes += Math.abs(params[i]);
      }
    }
    return l2 / 2 * squares + l1 * absolutes;
  }

  private void checkLengths(double[] params, int gradientLength) {
    if (params.length != mask.length || gradientLength != mask.length) {
      throw new IllegalArgumentException("regularization was built for " + mask.length + " parameters, got params "
          + params.length + " and gradient " + gradientLength + "; build it from the run's topology");
    }
  }

  @Override public String toString() {
    return "l1=" + l1 + ", l2=" + l2;
  }
}
