package dev.nabla.nn;

/** softplus(z) = log(1 + e^z), with derivative σ(z) (the logistic function). */
public final class Softplus implements Activation {
  private static final long serialVersionUID = 1L;

  /** log(1 + e^z) without overflow: max(z, 0) + log1p(e^{−|z|}). */
  public static double value(double z) {
    return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  @Override public String name() { return "softplus"; }

  @Override public void apply(double[] z, double[] a, int rows, int cols) {
    int n = rows * cols;
    for (int i = 0; i < n; i++) {
      a[i] = value(z[i]);
    }
  }

  @Override public void derivative(double[] z, double[] a, double[] out, int len) {
    for (int i = 0; i < len; i++) {
      out[i] = Sigmoid.value(z[i]);
    }
  }

  @Override public void multiplyByDerivative(double[] z, double[] a, double[] d, int len) {
    for (int i = 0; i < len; i++) {
      d[i] *= Sigmoid.value(z[i]);
    }
  }

  @Override public boolean equals(Object o) { return o instanceof Softplus; }
  @Override public int hashCode() { return 5; }
  @Override public String toString() { return name(); }
}
