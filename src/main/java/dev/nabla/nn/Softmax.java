package dev.nabla.nn;

/**
 * Softmax over each column: a_j = e^{z_j} / Σ_k e^{z_k}, computed as e^{z_j − max z} / Σ_k e^{z_k − max z}
 * so that logits of ±1000 stay finite.
 *
 * <p>Softmax is not element-wise (its Jacobian is not diagonal), so it is accepted only as the output
 * activation with categorical cross-entropy, where BP1 reduces to δ^L = a^L − y.
 */
public final class Softmax implements Activation {
  private static final long serialVersionUID = 1L;

  @Override public String name() { return "softmax"; }

  @Override public boolean isElementwise() { return false; }

  @Override public void apply(double[] z, double[] a, int rows, int cols) {
    for (int c = 0; c < cols; c++) {
      int off = c * rows;
      double max = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < rows; r++) {
        max = Math.max(max, z[off + r]);
      }
      double sum = 0;
      for (int r = 0; r < rows; r++) {
        double e = Math.exp(z[off + r] - max);
        a[off + r] = e;
        sum += e;
      }
      double inv = 1.0 / sum;
      for (int r = 0; r < rows; r++) {
        a[off + r] *= inv;
      }
    }
  }

  /** log Σ_k e^{z_k} over one column, without overflow. */
  static double logSumExp(double[] z, int off, int rows) {
    double max = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < rows; r++) {
      max = Math.max(max, z[off + r]);
    }
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      sum += Math.exp(z[off + r] - max);
    }
    return max + Math.log(sum);
  }

  @Override public void derivative(double[] z, double[] a, double[] out, int len) {
    throw new UnsupportedOperationException(
        "softmax has no element-wise derivative; pair it with cross-entropy, where δ^L = a − y");
  }

  @Override public void multiplyByDerivative(double[] z, double[] a, double[] d, int len) {
    derivative(z, a, d, len);
  }

  @Override public boolean equals(Object o) { return o instanceof Softmax; }
  @Override public int hashCode() { return 7; }
  @Override public String toString() { return name(); }
}
