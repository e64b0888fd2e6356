package dev.nabla.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-feature statistics of a data set, computed in one pass and mergeable across partitions: the
 * count, the mean and M2 = Σ (x − mean)² (Welford's update for one sample, Chan, Golub &amp; LeVeque's
 * parallel formula for merging two summaries), the minimum and the maximum.
 *
 * <p>{@link #add} and {@link #merge} update this object and return it, so they can serve directly as
 * the sequence and combine functions of a Spark {@code treeAggregate} whose zero is
 * {@code new FeatureStats(n)}.
 */
public final class FeatureStats implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int numFeatures;
  private long count;
  private final double[] mean;
  private final double[] m2;
  private final double[] min;
  private final double[] max;

  /** Empty statistics over {@code numFeatures} features. */
  public FeatureStats(int numFeatures) {
    if (numFeatures <= 0) {
      throw new IllegalArgumentException("FeatureStats: numFeatures is " + numFeatures + "; it must be positive");
    }
    this.numFeatures = numFeatures;
    this.mean = new double[numFeatures];
    this.m2 = new double[numFeatures];
    this.min = new double[numFeatures];
    this.max = new double[numFeatures];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
  }

  /** Adds one sample (all {@code numFeatures} entries of {@code features}); returns this. */
  public FeatureStats add(double[] features) {
    if (features.length != numFeatures) {
      throw new IllegalArgumentException("FeatureStats: sample has " + features.length + " features, expected "
          + numFeatures);
    }
    return add(features, 0);
  }

  /** Adds one sample stored at {@code x[offset .. offset + numFeatures)}, e.g. a column of a batch; returns this. */
  public FeatureStats add(double[] x, int offset) {
    if (offset < 0 || offset + (long) numFeatures > x.length) {
      throw new IllegalArgumentException("FeatureStats: a sample of " + numFeatures + " features at offset "
          + offset + " does not fit an array of length " + x.length);
    }
    for (int k = 0; k < numFeatures; k++) {
      if (!Double.isFinite(x[offset + k])) {
        throw new IllegalArgumentException("FeatureStats: feature " + k + " (0-based) is " + x[offset + k]
            + "; features must be finite numbers");
      }
    }
    count++;
    for (int k = 0; k < numFeatures; k++) {
      double v = x[offset + k];
      double d = v - mean[k];
      mean[k] += d / count;
      m2[k] += d * (v - mean[k]);
      min[k] = Math.min(min[k], v);
      max[k] = Math.max(max[k], v);
    }
    return this;
  }

  /** Merges {@code o} into this (Chan et al.'s formula for mean and M2); returns this. {@code o} is unchanged. */
  public FeatureStats merge(FeatureStats o) {
    if (o.numFeatures != numFeatures) {
      throw new IllegalArgumentException("FeatureStats: cannot merge statistics of " + o.numFeatures
          + " features into statistics of " + numFeatures);
    }
    if (o.count == 0) {
      return this;
    }
    long n = count + o.count;
    double wa = (double) count / n;
    double wb = (double) o.count / n;
    for (int k = 0; k < numFeatures; k++) {
      double delta = o.mean[k] - mean[k];
      m2[k] += o.m2[k] + delta * delta * ((double) count * wb);
      mean[k] = count == 0 ? o.mean[k] : wa * mean[k] + wb * o.mean[k];
      min[k] = Math.min(min[k], o.min[k]);
      max[k] = Math.max(max[k], o.max[k]);
    }
    count = n;
    return this;
  }

  public int numFeatures() { return numFeatures; }

  /** The number of samples added. */
  public long count() { return count; }

  /** The per-feature mean (a copy). */
  public double[] mean() { return mean.clone(); }

  /** The per-feature M2 = Σ (x − mean)², the sum of squared deviations (a copy). */
  public double[] m2() { return m2.clone(); }

  /** The per-feature population variance M2 / count (a copy). */
  public double[] variance() {
    requireSamples();
    double[] v = new double[numFeatures];
    for (int k = 0; k < numFeatures; k++) {
      v[k] = m2[k] / count;
    }
    return v;
  }

  /** The per-feature minimum (a copy; +∞ before any sample). */
  public double[] min() { return min.clone(); }

  /** The per-feature maximum (a copy; −∞ before any sample). */
  public double[] max() { return max.clone(); }

  /**
   * The scaling of the given kind fitted on these statistics.
   * STANDARD: shift = mean, factor = 1 / std with the population std √(M2 / count) (as scikit-learn's
   * StandardScaler). MINMAX: shift = min, factor = 1 / (max − min). Where the spread (std or max − min) is
   * 0, or so small that its inverse overflows, the feature is constant for the model: factor 1, so it is
   * only shifted. NONE: the identity. AUTO: NONE or STANDARD by the largest |value| ({@link ScalingKind#resolveAuto}).
   *
   * @throws IllegalStateException when no sample was added
   */
  public Scaling toScaling(ScalingKind kind) {
    if (kind == ScalingKind.AUTO) {
      requireSamples();
      double maxAbs = 0;
      for (int k = 0; k < numFeatures; k++) {
        maxAbs = Math.max(maxAbs, Math.max(Math.abs(min[k]), Math.abs(max[k])));
      }
      kind = ScalingKind.resolveAuto(maxAbs);
    }
    if (kind == ScalingKind.NONE) {
      return Scaling.none(numFeatures);
    }
    requireSamples();
    double[] shift = new double[numFeatures];
    double[] factor = new double[numFeatures];
    for (int k = 0; k < numFeatures; k++) {
      double spread = kind == ScalingKind.STANDARD ? Math.sqrt(m2[k] / count) : max[k] - min[k];
      shift[k] = kind == ScalingKind.STANDARD ? mean[k] : min[k];
      factor[k] = spread > 0 ? 1.0 / spread : 1.0;
      if (!Double.isFinite(factor[k])) {
        factor[k] = 1.0; // spread so small (subnormal) that 1 / spread overflows: treat the feature as constant
      }
    }
    return new Scaling(kind, shift, factor);
  }

  private void requireSamples() {
    if (count == 0) {
      throw new IllegalStateException("FeatureStats: no samples were added; fit a scaling on a non-empty data set");
    }
  }

  @Override
  public String toString() {
    return "FeatureStats[" + numFeatures + " features, count " + count + "]";
  }
}
