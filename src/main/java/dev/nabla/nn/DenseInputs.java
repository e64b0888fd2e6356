package dev.nabla.nn;

/**
 * Dense inputs: X as a column-major {@code double[]} (n_0 × columns, entry (j, c) at {@code j + c · n_0};
 * the array may be longer). Layer 1 multiplies it by one GEMM each way, as every other layer.
 */
public final class DenseInputs extends Inputs {
  private final int rows;
  private double[] x;

  /**
   * Wraps {@code x} (no copy).
   *
   * @param rows n_0, &gt; 0
   */
  public DenseInputs(double[] x, int rows) {
    if (rows <= 0) {
      throw new IllegalArgumentException("dense inputs need rows > 0, got " + rows);
    }
    this.rows = rows;
    wrap(x);
  }

  /** Points this at another array of the same row count (a workspace reuses one instance); returns this. */
  DenseInputs wrap(double[] x) {
    this.x = java.util.Objects.requireNonNull(x, "inputs");
    return this;
  }

  /** The wrapped array. */
  double[] array() {
    return x;
  }

  @Override public int rows() {
    return rows;
  }

  /** The whole columns the array holds, length / n_0. */
  @Override public int columns() {
    return x.length / rows;
  }

  /** Z := Z + W·X, one GEMM. */
  @Override void multiply(double[] params, int wOff, int n1, int cols, double[] z) {
    Gemm.gemm(false, false, n1, cols, rows,
        1.0, params, wOff, n1,
        x, 0, rows,
        1.0, z, 0, n1);
  }

  /** grad[W] += δ·Xᵀ, one GEMM. */
  @Override void addOuter(double[] delta, int n1, int cols, double[] grad, int gOff) {
    Gemm.gemm(false, true, n1, rows, cols,
        1.0, delta, 0, n1,
        x, 0, rows,
        1.0, grad, gOff, n1);
  }

  @Override public double squaredNorm(int col) {
    return SampleClipping.squaredNorm(x, col * rows, rows);
  }

  @Override public String toString() {
    return "dense inputs " + rows + "×" + columns() + " (array of " + x.length + ")";
  }
}
