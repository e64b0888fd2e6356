package dev.nabla.nn;

/** Per-layer norms over the flat layout of a {@link Topology}. */
public final class LayerNorms {
  private LayerNorms() {
  }

  /**
   * The Euclidean (Frobenius) norm ‖W^l‖ of each layer's weight block of {@code v} (a gradient, e.g. the
   * MEAN gradient of a batch, or parameters), biases excluded: entry l − 1 for layer l = 1..L. One O(P) pass.
   */
  public static double[] weightNorms(Topology t, double[] v) {
    if (v.length != t.numParams()) {
      throw new IllegalArgumentException("LayerNorms: array has length " + v.length + ", topology " + t + " needs "
          + t.numParams());
    }
    double[] norms = new double[t.numLayers()];
    for (int l = 1; l <= t.numLayers(); l++) {
      norms[l - 1] = Math.sqrt(sumOfSquares(v, t.weightOffset(l), t.biasOffset(l)));
    }
    return norms;
  }

  /** Σ v[i]² over [from, to), in four independent partial sums (so the adds pipeline). */
  static double sumOfSquares(double[] v, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      s0 += v[i] * v[i];
      s1 += v[i + 1] * v[i + 1];
      s2 += v[i + 2] * v[i + 2];
      s3 += v[i + 3] * v[i + 3];
    }
    for (; i < to; i++) {
      s0 += v[i] * v[i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
