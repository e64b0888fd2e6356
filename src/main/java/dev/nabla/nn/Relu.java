package dev.nabla.nn;

/** The rectifier max(0, z), with derivative 1 for z &gt; 0 and 0 otherwise (0 at the kink). */
public final class Relu implements Activation {
  private static final long serialVersionUID = 1L;

  @Override public String name() { return "relu"; }

  @Override public boolean isSmooth() { return false; }

  @Override public void apply(double[] z, double[] a, int rows, int cols) {
    int n = rows * cols;
    for (int i = 0; i < n; i++) {
      a[i] = z[i] > 0 ? z[i] : 0.0;
    }
  }

  @Override public void derivative(double[] z, double[] a, double[] out, int len) {
    for (int i = 0; i < len; i++) {
      out[i] = z[i] > 0 ? 1.0 : 0.0;
    }
  }

  @Override public void multiplyByDerivative(double[] z, double[] a, double[] d, int len) {
    for (int i = 0; i < len; i++) {
      if (!(z[i] > 0)) {
        d[i] = 0.0;
      }
    }
  }

  @Override public boolean equals(Object o) { return o instanceof Relu; }
  @Override public int hashCode() { return 3; }
  @Override public String toString() { return name(); }
}
