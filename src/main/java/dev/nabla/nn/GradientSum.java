package dev.nabla.nn;

import java.io.Serializable;

/**
 * What backprop over some samples returns: the SUM over those samples of the per-sample gradients
 * (Σ_x δ_x a_xᵀ and Σ_x δ_x, in the flat layout of {@link Topology}), the SUM of their costs Σ_x C_x,
 * and how many samples there were. Sums from disjoint sample sets combine with {@link #add}; the mean
 * gradient 1/m Σ_x ∇C_x is {@code gradient[i] / count}, taken once, by whoever owns the whole batch.
 */
public final class GradientSum implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Σ_x ∂C_x/∂θ over the samples seen, flat layout. */
  public final double[] gradient;
  /** Σ_x C_x over the samples seen. */
  public double lossSum;
  /** Number of samples seen. */
  public long count;

  /** A zero sum for {@code numParams} parameters. */
  public GradientSum(int numParams) {
    this.gradient = new double[numParams];
  }

  /** Wraps existing sums (no copy). */
  public GradientSum(double[] gradient, double lossSum, long count) {
    this.gradient = gradient;
    this.lossSum = lossSum;
    this.count = count;
  }

  /** this += other, entry by entry; returns this. */
  public GradientSum add(GradientSum other) {
    return accumulate(other, false);
  }

  /**
   * this += other, then every gradient entry rounded to the nearest float32, in one pass (what a float32 transfer of
   * the sum does after the addition); returns this.
   */
  public GradientSum addRounded(GradientSum other) {
    return accumulate(other, true);
  }

  private GradientSum accumulate(GradientSum other, boolean round) {
    if (other.gradient.length != gradient.length) {
      throw new IllegalArgumentException("gradient sizes differ: " + gradient.length + " vs " + other.gradient.length);
    }
    double[] g = gradient;
    double[] o = other.gradient;
    if (round) {
      for (int i = 0; i < g.length; i++) {
        g[i] = (float) (g[i] + o[i]);
      }
    } else {
      for (int i = 0; i < g.length; i++) {
        g[i] += o[i];
      }
    }
    lossSum += other.lossSum;
    count += other.count;
    return this;
  }

  /** Sets every sum back to zero, keeping the array. */
  public void clear() {
    java.util.Arrays.fill(gradient, 0.0);
    lossSum = 0;
    count = 0;
  }
}
