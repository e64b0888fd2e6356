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
      double s = 0;
      for (int i = t.weightOffset(l), end = t.biasOffset(l); i < end; i++) {
        s += v[i] * v[i];
      }
      norms[l - 1] = Math.sqrt(s);
    }
    return norms;
  }
}
