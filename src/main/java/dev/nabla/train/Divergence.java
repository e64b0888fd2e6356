package dev.nabla.train;

import dev.nabla.nn.LayerNorms;
import dev.nabla.nn.Topology;

/** Finds non-finite values after a step and says where, so that a diverging run stops with advice. */
public final class Divergence {
  private final Topology topology;
  private final int epochs;
  private final int steps;
  private final double learningRate;

  Divergence(Topology topology, int epochs, int steps, double learningRate) {
    this.topology = topology;
    this.epochs = epochs;
    this.steps = steps;
    this.learningRate = learningRate;
  }

  /**
   * Writes the MEAN gradient {@code sum · inv} into {@code mean}, checks it and returns its per-layer weight norms
   * ({@link LayerNorms#scaleAndNorms}), all in one read of the 8·P bytes; before the update, the batch's loss sum
   * and mean gradient must be finite.
   */
  double[] meanAndCheck(double lossSum, double[] sum, double inv, double[] mean, double[] params, int epoch,
      int step) {
    double[] norms = new double[topology.numLayers()];
    boolean finite = LayerNorms.scaleAndNorms(topology, sum, inv, mean, norms);
    if (!finite || !Double.isFinite(lossSum)) {
      checkGradient(lossSum, mean, params, epoch, step);
    }
    return norms;
  }

  /** Before the update: the batch's loss sum and mean gradient must be finite. */
  void checkGradient(double lossSum, double[] gradient, double[] params, int epoch, int step) {
    String layer = allFinite(gradient) ? null : firstNonFinite(gradient);
    if (!Double.isFinite(lossSum) || layer != null) {
      String detail = layer != null ? " and the gradient of " + layer + " is not finite" : "; " + largestLayer(params);
      throw new DivergenceException("training diverged at " + where(epoch, step) + ": the loss is " + lossSum
          + detail + advice());
    }
  }

  /** Which layer's parameters grew largest, e.g. "layer 2 has the largest weights (|w| up to 3.1e+154)". */
  private String largestLayer(double[] params) {
    int worst = 1;
    double worstMax = -1;
    for (int l = 1; l <= topology.numLayers(); l++) {
      double max = 0;
      for (int i = topology.weightOffset(l); i < topology.biasOffset(l) + topology.size(l); i++) {
        max = Math.max(max, Math.abs(params[i]));
      }
      if (max > worstMax) {
        worstMax = max;
        worst = l;
      }
    }
    return String.format(java.util.Locale.ROOT, "layer %d has the largest parameters (|w| up to %.3g)", worst, worstMax);
  }

  /** After the update: the parameters must be finite. */
  void checkParams(double[] params, int epoch, int step) {
    if (allFinite(params)) {
      return;
    }
    String layer = firstNonFinite(params);
    if (layer != null) {
      throw new DivergenceException("training diverged at " + where(epoch, step) + ": the parameters of " + layer
          + " overflowed in the update" + advice());
    }
  }

  private String where(int epoch, int step) {
    return "epoch " + epoch + "/" + epochs + " step " + step + "/" + steps;
  }

  private String advice() {
    return "; try a lower --learning-rate (now " + learningRate
        + "), another --init, or --scale standard for unscaled features";
  }

  /**
   * Whether every entry is finite, without a branch per entry: x · 0 is 0 (or −0) for finite x and NaN
   * for ±∞ and NaN, and NaN survives the sum; four sums keep the adds independent.
   */
  static boolean allFinite(double[] v) {
    return allFinite(v, 0, v.length);
  }

  /** As {@link #allFinite(double[])}, over the entries [from, to). */
  static boolean allFinite(double[] v, int from, int to) {
    double a = 0;
    double b = 0;
    double c = 0;
    double d = 0;
    int i = from;
    for (int n = to - 3; i < n; i += 4) {
      a += v[i] * 0.0;
      b += v[i + 1] * 0.0;
      c += v[i + 2] * 0.0;
      d += v[i + 3] * 0.0;
    }
    for (; i < to; i++) {
      a += v[i] * 0.0;
    }
    double s = a + b + c + d;
    return s == s;
  }

  /** "layer l (W)" or "layer l (b)" for the first non-finite entry of v (flat layout), null if all are finite. */
  String firstNonFinite(double[] v) {
    return firstNonFinite(topology, v);
  }

  /** "layer l (W)" or "layer l (b)" for the first non-finite entry of v (flat layout of t), null if all are finite. */
  public static String firstNonFinite(Topology topology, double[] v) {
    for (int l = 1; l <= topology.numLayers(); l++) {
      int b = topology.biasOffset(l);
      for (int i = topology.weightOffset(l); i < b + topology.size(l); i++) {
        if (!Double.isFinite(v[i])) {
          return "layer " + l + (i < b ? " (W)" : " (b)");
        }
      }
    }
    return null;
  }
}
