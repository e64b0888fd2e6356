package dev.nabla.nn;

import java.util.Arrays;

/**
 * Sparse inputs in compressed sparse columns (CSC): column c's non-zeros are
 * {@code (index[k], value[k])} for k in [colStart[c], colStart[c + 1]), with feature indices in [0, n_0)
 * strictly increasing within a column. A column is one sample, so a row of CSR training data is one
 * column here.
 *
 * <p>Layer 1 never densifies X: Z¹ += W¹X adds v · W¹[:, j] to z[:, c] for each non-zero (j, v) of column
 * c, and BP4 adds v · δ[:, c] to ∂C/∂W¹[:, j]; both are contiguous axpys of length n_1 because W¹ is
 * column-major. A batch with nnz non-zeros costs O(n_1 · nnz) each way instead of O(n_1 · n_0 · cols),
 * and touches only the nnz columns of W¹ and of its gradient it needs.
 *
 * <p>Reusable and growable: build a batch with {@link #addColumn} (or {@link #add} … {@link #endColumn}),
 * use it, {@link #clear()} it and build the next in the same arrays; once they are large enough a batch
 * allocates nothing. Not thread-safe.
 */
public final class SparseInputs extends Inputs {
  private final int rows;
  private int[] colStart;
  private int[] index;
  private double[] value;
  private int columns;
  /** Entries stored: those of the complete columns, then those of the column being built. */
  private int size;

  /**
   * Empty inputs with n_0 = {@code rows} features.
   *
   * @param rows n_0, &gt; 0
   */
  public SparseInputs(int rows) {
    if (rows <= 0) {
      throw new IllegalArgumentException("sparse inputs need rows > 0, got " + rows);
    }
    this.rows = rows;
    this.colStart = new int[17];
    this.index = new int[256];
    this.value = new double[256];
  }

  @Override public int rows() {
    return rows;
  }

  /** The complete columns held (a column being built is not counted until {@link #endColumn}). */
  @Override public int columns() {
    return columns;
  }

  /** The non-zeros of the complete columns. */
  public int nonZeros() {
    return colStart[columns];
  }

  /** Forgets every column, keeping the arrays. */
  public void clear() {
    columns = 0;
    size = 0;
  }

  /**
   * Appends the non-zero x[index] = value to the column being built.
   *
   * @throws IllegalArgumentException when index is outside [0, n_0) or not above the column's previous index
   */
  public void add(int index, double value) {
    checkIndex(index, size > colStart[columns] ? this.index[size - 1] : -1);
    ensureEntries(size + 1);
    this.index[size] = index;
    this.value[size] = value;
    size++;
  }

  /** Completes the column being built (with the entries {@link #add}ed since the last column; none is allowed). */
  public void endColumn() {
    if (columns + 2 > colStart.length) {
      colStart = Arrays.copyOf(colStart, 2 * colStart.length);
    }
    columns++;
    colStart[columns] = size;
  }

  /**
   * Appends the entries {@code [from, to)} of {@code idx} and {@code val} to the column being built and
   * completes it: for a CSR data block, one row's slice. Either all entries are added or, on an
   * exception, none.
   *
   * @throws IllegalArgumentException when an index is outside [0, n_0) or not above the one before it
   */
  public void addColumn(int[] idx, double[] val, int from, int to) {
    if (from < 0 || to < from || to > idx.length || to > val.length) {
      throw new IllegalArgumentException("addColumn: bad range [" + from + ", " + to + ") of arrays of "
          + idx.length + " indices and " + val.length + " values");
    }
    int previous = size > colStart[columns] ? index[size - 1] : -1;
    for (int k = from; k < to; k++) {
      checkIndex(idx[k], previous);
      previous = idx[k];
    }
    int n = to - from;
    ensureEntries(size + n);
    System.arraycopy(idx, from, index, size, n);
    System.arraycopy(val, from, value, size, n);
    size += n;
    endColumn();
  }

  /**
   * z[:, c] += v · W[:, j] for each non-zero (j, v) of each column c, four non-zeros per pass over z[:, c].
   * (C2, in JDK 17 as in 25, does not vectorise an axpy between two arrays at unrelated offsets; reading
   * and writing z once per four products instead of once per product made this 1.3–1.6× faster.)
   */
  @Override void multiply(double[] params, int wOff, int n1, int cols, double[] z) {
    for (int c = 0; c < cols; c++) {
      int zOff = c * n1;
      int k = colStart[c];
      int end = colStart[c + 1];
      for (; k + 3 < end; k += 4) {
        int w0 = wOff + index[k] * n1;
        int w1 = wOff + index[k + 1] * n1;
        int w2 = wOff + index[k + 2] * n1;
        int w3 = wOff + index[k + 3] * n1;
        double v0 = value[k];
        double v1 = value[k + 1];
        double v2 = value[k + 2];
        double v3 = value[k + 3];
        for (int i = 0; i < n1; i++) {
          z[zOff + i] += v0 * params[w0 + i] + v1 * params[w1 + i] + v2 * params[w2 + i] + v3 * params[w3 + i];
        }
      }
      for (; k < end; k++) {
        axpy(value[k], params, wOff + index[k] * n1, z, zOff, n1);
      }
    }
  }

  /** grad[:, j] += v · δ[:, c] for each non-zero (j, v) of each column c: Σ_x δ_x xᵀ. */
  @Override void addOuter(double[] delta, int n1, int cols, double[] grad, int gOff) {
    for (int c = 0; c < cols; c++) {
      for (int k = colStart[c], end = colStart[c + 1]; k < end; k++) {
        axpy(value[k], delta, c * n1, grad, gOff + index[k] * n1, n1);
      }
    }
  }

  /** Σ v² over the column's non-zeros, in index order (as the dense sum, whose zeros add nothing). */
  @Override public double squaredNorm(int col) {
    if (col < 0 || col >= columns) {
      throw new IndexOutOfBoundsException("column " + col + " of " + columns);
    }
    double s = 0;
    for (int k = colStart[col], end = colStart[col + 1]; k < end; k++) {
      s += value[k] * value[k];
    }
    return s;
  }

  /** y[yOff, yOff + n) += a · x[xOff, xOff + n): a counted loop, range checks hoisted by C2 (scalar, see multiply). */
  private static void axpy(double a, double[] x, int xOff, double[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }

  private void checkIndex(int i, int previous) {
    if (i < 0 || i >= rows) {
      throw new IllegalArgumentException("sparse inputs: feature index " + i + " of column " + columns
          + " is outside [0, " + rows + ")");
    }
    if (i <= previous) {
      throw new IllegalArgumentException("sparse inputs: feature indices must increase strictly within a column;"
          + " column " + columns + " has " + i + " after " + previous);
    }
  }

  private void ensureEntries(int n) {
    if (n > index.length) {
      int capacity = Math.max(n, 2 * index.length);
      index = Arrays.copyOf(index, capacity);
      value = Arrays.copyOf(value, capacity);
    }
  }

  @Override public String toString() {
    return "sparse inputs " + rows + "×" + columns + " (" + nonZeros() + " non-zeros)";
  }
}
