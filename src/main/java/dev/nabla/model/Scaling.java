package dev.nabla.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Per-feature affine map x'_k = (x_k − shift_k) · factor_k, fitted on the training data and applied to
 * every input the model sees (training, evaluation, prediction). {@link ScalingKind#NONE} is the
 * identity (shift 0, factor 1). Immutable: the arrays are copied in and out.
 *
 * @param kind how shift and factor were fitted
 * @param shift one finite value per feature
 * @param factor one finite, non-zero value per feature
 */
public record Scaling(ScalingKind kind, double[] shift, double[] factor) implements Serializable {

  /**
   * @throws IllegalArgumentException naming the field, the bad value and what is allowed
   */
  public Scaling {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(shift, "shift");
    Objects.requireNonNull(factor, "factor");
    if (kind == ScalingKind.AUTO) {
      throw new IllegalArgumentException("scaling: kind auto is a request resolved when the scaling is fitted; a fitted "
          + "scaling is none, standard or minmax");
    }
    if (shift.length == 0 || shift.length != factor.length) {
      throw new IllegalArgumentException("scaling: shift has " + shift.length + " entries and factor "
          + factor.length + "; both must have one entry per feature (at least one)");
    }
    shift = shift.clone();
    factor = factor.clone();
    for (int k = 0; k < shift.length; k++) {
      if (!Double.isFinite(shift[k])) {
        throw new IllegalArgumentException("scaling: shift[" + k + "] is " + shift[k] + "; it must be finite");
      }
      if (!Double.isFinite(factor[k]) || factor[k] == 0) {
        throw new IllegalArgumentException("scaling: factor[" + k + "] is " + factor[k]
            + "; it must be finite and non-zero");
      }
      if (kind == ScalingKind.NONE && (shift[k] != 0 || factor[k] != 1)) {
        throw new IllegalArgumentException("scaling: kind none needs shift 0 and factor 1, but feature " + k
            + " has shift " + shift[k] + " and factor " + factor[k] + "; use kind standard or minmax");
      }
    }
  }

  /** The identity scaling for {@code numFeatures} features. */
  public static Scaling none(int numFeatures) {
    if (numFeatures <= 0) {
      throw new IllegalArgumentException("scaling: numFeatures is " + numFeatures + "; it must be positive");
    }
    double[] ones = new double[numFeatures];
    Arrays.fill(ones, 1.0);
    return new Scaling(ScalingKind.NONE, new double[numFeatures], ones);
  }

  /** The number of features this scaling applies to. */
  public int numFeatures() {
    return shift.length;
  }

  /** A copy of the per-feature shifts. */
  @Override
  public double[] shift() {
    return shift.clone();
  }

  /** A copy of the per-feature factors. */
  @Override
  public double[] factor() {
    return factor.clone();
  }

  /** Feature k's value v rescaled: (v − shift_k) · factor_k. */
  public double apply(int k, double v) {
    return (v - shift[k]) * factor[k];
  }

  /** Whether no feature is shifted (so zeros stay zeros: what sparse rows need). */
  public boolean keepsZeros() {
    for (double s : shift) {
      if (s != 0) {
        return false;
      }
    }
    return true;
  }

  /** Rescales one sample in place: {@code x[offset .. offset + numFeatures)}. */
  public void applyInPlace(double[] x, int offset, int numFeatures) {
    checkFeatures(numFeatures);
    if (offset < 0 || offset + (long) numFeatures > x.length) {
      throw new IllegalArgumentException("scaling: sample at offset " + offset + " with " + numFeatures
          + " features does not fit an array of length " + x.length);
    }
    if (kind == ScalingKind.NONE) {
      return;
    }
    for (int k = 0; k < numFeatures; k++) {
      x[offset + k] = (x[offset + k] - shift[k]) * factor[k];
    }
  }

  /** Rescales a column-major batch in place: {@code cols} samples of {@code numFeatures} entries each. */
  public void applyToColumns(double[] x, int numFeatures, int cols) {
    checkFeatures(numFeatures);
    if (cols < 0 || (long) numFeatures * cols > x.length) {
      throw new IllegalArgumentException("scaling: " + cols + " columns of " + numFeatures
          + " features do not fit an array of length " + x.length);
    }
    if (kind == ScalingKind.NONE) {
      return;
    }
    for (int c = 0; c < cols; c++) {
      int off = c * numFeatures;
      for (int k = 0; k < numFeatures; k++) {
        x[off + k] = (x[off + k] - shift[k]) * factor[k];
      }
    }
  }

  private void checkFeatures(int numFeatures) {
    if (numFeatures != shift.length) {
      throw new IllegalArgumentException("scaling was fitted on " + shift.length + " features but was given "
          + numFeatures + "; the input must have the model's n_0 = " + shift.length + " features");
    }
  }

  /** Equal when the kinds match and shift and factor are bitwise equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Scaling s && kind == s.kind && Arrays.equals(shift, s.shift) && Arrays.equals(factor, s.factor);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * kind.hashCode() + Arrays.hashCode(shift)) + Arrays.hashCode(factor);
  }

  @Override
  public String toString() {
    return "Scaling[" + kind + ", " + shift.length + " features]";
  }
}
