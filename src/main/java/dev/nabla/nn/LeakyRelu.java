package dev.nabla.nn;

/** The leaky rectifier: z for z &gt; 0, slope · z otherwise; derivative 1 or slope. */
public final class LeakyRelu implements Activation {
  private static final long serialVersionUID = 1L;

  /** The slope used when none is given: 0.01 (Maas, Hannun &amp; Ng 2013). */
  public static final double DEFAULT_SLOPE = 0.01;

  private final double slope;

  /**
   * @param slope the gradient for z ≤ 0, in [0, 1)
   * @throws IllegalArgumentException when slope is outside [0, 1)
   */
  public LeakyRelu(double slope) {
    if (!(slope >= 0 && slope < 1)) {
      throw new IllegalArgumentException("leaky-relu slope must be in [0, 1), got " + slope);
    }
    this.slope = slope;
  }

  public double slope() { return slope; }

  @Override public String name() { return "leaky-relu:" + slope; }

  @Override public boolean isSmooth() { return false; }

  @Override public void apply(double[] z, double[] a, int rows, int cols) {
    int n = rows * cols;
    for (int i = 0; i < n; i++) {
      a[i] = z[i] > 0 ? z[i] : slope * z[i];
    }
  }

  @Override public void derivative(double[] z, double[] a, double[] out, int len) {
    for (int i = 0; i < len; i++) {
      out[i] = z[i] > 0 ? 1.0 : slope;
    }
  }

  @Override public void multiplyByDerivative(double[] z, double[] a, double[] d, int len) {
    for (int i = 0; i < len; i++) {
      if (!(z[i] > 0)) {
        d[i] *= slope;
      }
    }
  }

  @Override public boolean equals(Object o) {
    return o instanceof LeakyRelu other && Double.compare(other.slope, slope) == 0;
  }

  @Override public int hashCode() { return Double.hashCode(slope); }
  @Override public String toString() { return name(); }
}
