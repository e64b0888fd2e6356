package dev.nabla.nn;

/**
 * The inputs X of a batch, n_0 × cols with one column per sample, as the first layer reads them: dense
 * ({@link DenseInputs}, a column-major array multiplied by GEMM) or sparse ({@link SparseInputs},
 * compressed columns read one non-zero at a time, so 200,000 features with 40 non-zeros per sample cost
 * 40 axpys per sample, never a dense column).
 *
 * <p>Layer 1 is the only reader of X: its forward product Z¹ = W¹X + b¹ ({@link #multiplyInto}), its BP4
 * ∂C/∂W¹ = δ¹Xᵀ ({@link #addOuterInto}) and the per-sample norms of clipping ({@link #squaredNorm}).
 * Everything after it is dense. W¹ is read in place from the flat parameter array: n_1 × n_0, column-major,
 * leading dimension n_1 (see {@link Topology}).
 */
public abstract sealed class Inputs permits DenseInputs, SparseInputs {

  Inputs() {
  }

  /** n_0, the number of features (rows of X). */
  public abstract int rows();

  /** How many columns (samples) are held. */
  public abstract int columns();

  /**
   * Z := Z + W·X over the first {@code cols} columns, for W = n1 × {@link #rows()} column-major at
   * {@code params[wOff]} (leading dimension n1) and Z = n1 × cols column-major (it usually holds the
   * bias broadcast already).
   *
   * @throws IllegalArgumentException when a shape does not fit its array
   */
  public final void multiplyInto(double[] params, int wOff, int n1, int cols, double[] z) {
    checkLayer(params, wOff, "W", n1, cols, z, "Z");
    multiply(params, wOff, n1, cols, z);
  }

  /**
   * BP4 of layer 1, the batch SUM: grad[W block] := grad[W block] + δ·Xᵀ = Σ_x δ_x xᵀ over the first
   * {@code cols} columns, for δ = n1 × cols column-major and the W block n1 × {@link #rows()} column-major
   * at {@code grad[gOff]}.
   *
   * @throws IllegalArgumentException when a shape does not fit its array
   */
  public final void addOuterInto(double[] delta, int n1, int cols, double[] grad, int gOff) {
    checkLayer(grad, gOff, "gradient", n1, cols, delta, "δ");
    addOuter(delta, n1, cols, grad, gOff);
  }

  /** ‖x_col‖², the squared Euclidean norm of column {@code col} (per-sample clipping). */
  public abstract double squaredNorm(int col);

  abstract void multiply(double[] params, int wOff, int n1, int cols, double[] z);

  abstract void addOuter(double[] delta, int n1, int cols, double[] grad, int gOff);

  /** Checks cols against the columns held, and an n1 × n_0 block and an n1 × cols matrix against their arrays. */
  private void checkLayer(double[] w, int wOff, String wName, int n1, int cols, double[] m, String mName) {
    if (n1 < 0 || cols < 0 || cols > columns()) {
      throw new IllegalArgumentException("bad shape: n1 = " + n1 + ", cols = " + cols + " for " + this);
    }
    long wEnd = wOff + (long) n1 * rows();
    if (wOff < 0 || wEnd > w.length) {
      throw new IllegalArgumentException(wName + ": " + n1 + "×" + rows() + " at offset " + wOff + " needs " + wEnd
          + " entries, array has " + w.length);
    }
    if ((long) n1 * cols > m.length) {
      throw new IllegalArgumentException(mName + ": " + n1 + "×" + cols + " needs " + (long) n1 * cols
          + " entries, array has " + m.length);
    }
  }
}
