package dev.nabla.nn;

/** The logistic function σ(z) = 1 / (1 + e^{−z}), with σ'(z) = σ(z)(1 − σ(z)). */
public final class Sigmoid implements Activation {
  private static final long serialVersionUID = 1L;

  /** σ(z), computed without overflow for any finite z. */
  public static double value(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  @Override public String name() { return "sigmoid"; }

  @Override public void apply(double[] z, double[] a, int rows, int cols) {
    int n = rows * cols;
    for (int i = 0; i < n; i++) {
      a[i] = value(z[i]);
    }
  }

  @Override public void derivative(double[] z, double[] a, double[] out, int len) {
    for (int i = 0; i < len; i++) {
      out[i] = a[i] * (1.0 - a[i]);
    }
  }

  @Override public void multiplyByDerivative(double[] z, double[] a, double[] d, int len) {
    for (int i = 0; i < len; i++) {
      d[i] *= a[i] * (1.0 - a[i]);
    }
  }

  @Override public boolean equals(Object o) { return o instanceof Sigmoid; }
  @Override public int hashCode() { return 1; }
  @Override public String toString() { return name(); }
}
