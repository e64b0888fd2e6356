package dev.nabla.nn;

/** The identity σ(z) = z (a linear output, for regression), with derivative 1. */
public final class Identity implements Activation {
  private static final long serialVersionUID = 1L;

  @Override public String name() { return "identity"; }

  @Override public void apply(double[] z, double[] a, int rows, int cols) {
    if (a != z) {
      System.arraycopy(z, 0, a, 0, rows * cols);
    }
  }

  @Override public void derivative(double[] z, double[] a, double[] out, int len) {
    java.util.Arrays.fill(out, 0, len, 1.0);
  }

  @Override public void multiplyByDerivative(double[] z, double[] a, double[] d, int len) {
    // σ'(z) = 1: nothing to do.
  }

  @Override public boolean equals(Object o) { return o instanceof Identity; }
  @Override public int hashCode() { return 6; }
  @Override public String toString() { return name(); }
}
