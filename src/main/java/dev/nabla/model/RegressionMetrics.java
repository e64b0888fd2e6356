package dev.nabla.model;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Regression metrics as mergeable sums over samples with {@code numTargets} outputs each: per target
 * the SUM of squared errors (SSE) and of absolute errors, the statistics of y (count, mean and M2 via
 * {@link FeatureStats}), and the SUM of per-sample losses. {@link #add} and {@link #merge} update this
 * object and return it, for use in {@code treeAggregate}.
 *
 * <p>R² = 1 − SSE / SST with SST = Σ (y − ȳ)² = M2. M2 is merged with Chan et al.'s formula instead of
 * being computed as Σy² − (Σy)²/n: the same quantity, without the cancellation that formula suffers when
 * |ȳ| is large compared with the spread of y.
 */
public final class RegressionMetrics implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int numTargets;
  private final double[] sse;
  private final double[] sae;
  private final FeatureStats y;
  private double lossSum;

  /** Empty metrics for samples with {@code numTargets} target values. */
  public RegressionMetrics(int numTargets) {
    if (numTargets <= 0) {
      throw new IllegalArgumentException("RegressionMetrics: numTargets is " + numTargets + "; it must be >= 1");
    }
    this.numTargets = numTargets;
    this.sse = new double[numTargets];
    this.sae = new double[numTargets];
    this.y = new FeatureStats(numTargets);
  }

  /** Adds one sample: targets {@code y[yOff ..]} and predictions {@code yhat[hOff ..]}, numTargets each; returns this. */
  public RegressionMetrics add(double[] target, int yOff, double[] yhat, int hOff) {
    if (yOff < 0 || yOff + (long) numTargets > target.length) {
      throw new IllegalArgumentException("RegressionMetrics: " + numTargets + " targets at offset " + yOff
          + " do not fit an array of length " + target.length);
    }
    if (hOff < 0 || hOff + (long) numTargets > yhat.length) {
      throw new IllegalArgumentException("RegressionMetrics: " + numTargets + " predictions at offset " + hOff
          + " do not fit an array of length " + yhat.length);
    }
    y.add(target, yOff);
    for (int j = 0; j < numTargets; j++) {
      double e = yhat[hOff + j] - target[yOff + j];
      sse[j] += e * e;
      sae[j] += Math.abs(e);
    }
    return this;
  }

  /** Adds {@code cols} samples stored column-major (numTargets × cols) in {@code target} and {@code yhat}; returns this. */
  public RegressionMetrics addColumns(double[] target, double[] yhat, int cols) {
    for (int c = 0; c < cols; c++) {
      add(target, c * numTargets, yhat, c * numTargets);
    }
    return this;
  }

  /** Adds a SUM of per-sample losses; returns this. */
  public RegressionMetrics addLoss(double lossSum) {
    this.lossSum += lossSum;
    return this;
  }

  /** Adds {@code o}'s sums into this; returns this. {@code o} is unchanged. */
  public RegressionMetrics merge(RegressionMetrics o) {
    if (o.numTargets != numTargets) {
      throw new IllegalArgumentException("RegressionMetrics: cannot merge " + o.numTargets + " targets into "
          + numTargets);
    }
    for (int j = 0; j < numTargets; j++) {
      sse[j] += o.sse[j];
      sae[j] += o.sae[j];
    }
    y.merge(o.y);
    lossSum += o.lossSum;
    return this;
  }

  public int numTargets() { return numTargets; }

  /** The number of samples added. */
  public long count() { return y.count(); }

  /** The MEAN squared error over all samples and targets, SSE / (count · numTargets) (NaN when empty). */
  public double mse() {
    return mean(sse);
  }

  /** √{@link #mse()}. */
  public double rmse() {
    return Math.sqrt(mse());
  }

  /** The MEAN absolute error over all samples and targets (NaN when empty). */
  public double mae() {
    return mean(sae);
  }

  /** R² of target j: 1 − SSE_j / SST_j; NaN when empty or when y_j is constant (SST_j = 0, R² undefined). */
  public double r2(int j) {
    if (j < 0 || j >= numTargets) {
      throw new IllegalArgumentException("target " + j + " is out of range 0.." + (numTargets - 1));
    }
    if (count() == 0) {
      return Double.NaN;
    }
    double sst = y.m2()[j];
    return sst == 0 ? Double.NaN : 1.0 - sse[j] / sst;
  }

  /** R² averaged uniformly over the targets (scikit-learn's default); for one target, 1 − SSE / SST. */
  public double r2() {
    double s = 0;
    for (int j = 0; j < numTargets; j++) {
      s += r2(j);
    }
    return s / numTargets;
  }

  /** The MEAN loss per sample, lossSum / count (NaN when empty). */
  public double meanLoss() {
    return count() == 0 ? Double.NaN : lossSum / count();
  }

  /** The headline numbers, for a manifest's finalMetrics: mse, rmse, mae, r2, meanLoss. */
  public Map<String, Double> summary() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("mse", mse());
    m.put("rmse", rmse());
    m.put("mae", mae());
    m.put("r2", r2());
    m.put("meanLoss", meanLoss());
    return m;
  }

  /** JSON-friendly: count, then {@link #summary()}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", count());
    m.putAll(summary());
    return m;
  }

  /** A console table of the metrics. */
  public String toTable() {
    return String.format(Locale.ROOT,
        "samples %d   targets %d%n  mse       %.6g%n  rmse      %.6g%n  mae       %.6g%n  r2        %.6f%n  mean loss %.6g%n",
        count(), numTargets, mse(), rmse(), mae(), r2(), meanLoss());
  }

  private double mean(double[] sums) {
    if (count() == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (double v : sums) {
      s += v;
    }
    return s / ((double) count() * numTargets);
  }
}
