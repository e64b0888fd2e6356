package dev.nabla.nn;

/** The hyperbolic tangent, with tanh'(z) = 1 − tanh²(z). */
public final class Tanh implements Activation {
  private static final long serialVersionUID = 1L;

  @Override public String name() { return "tanh"; }

  @Override public void apply(double[] z, double[] a, int rows, int cols) {
    int n = rows * cols;
    for (int i = 0; i < n; i++) {
      a[i] = Math.tanh(z[i]);
    }
  }

  @Override public void derivative(double[] z, double[] a, double[] out, int len) {
    for (int i = 0; i < len; i++) {
      out[i] = 1.0 - a[i] * a[i];
    }
  }

  @Override public void multiplyByDerivative(double[] z, double[] a, double[] d, int len) {
    for (int i = 0; i < len; i++) {
      d[i] *= 1.0 - a[i] * a[i];
    }
  }

  @Override public boolean equals(Object o) { return o instanceof Tanh; }
  @Override public int hashCode() { return 2; }
  @Override public String toString() { return name(); }
}
