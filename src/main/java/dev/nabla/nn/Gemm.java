package dev.nabla.nn;

import dev.ludovic.netlib.blas.BLAS;

/**
 * General matrix multiply over column-major {@code double[]} with offsets, through netlib BLAS
 * ({@code dev.ludovic.netlib}, the library Spark and Breeze call), on the library {@link Blas} chose.
 *
 * <p>Contract: C := alpha · op(A) · op(B) + beta · C, where op(X) is X or Xᵀ, op(A) is m × k, op(B) is
 * k × n and C is m × n. Dimensions and array bounds are checked before BLAS is called, so a wrong shape
 * fails here with a message rather than corrupting memory in native code.
 */
public final class Gemm {
  private static final BLAS BLAS_INSTANCE = Blas.instance();

  private Gemm() {
  }

  /** The BLAS implementation in use, e.g. {@code dev.ludovic.netlib.blas.JNIBLAS} for native OpenBLAS (see {@link Blas}). */
  public static String implementation() {
    return BLAS_INSTANCE.getClass().getName();
  }

  /**
   * C := alpha · op(A) · op(B) + beta · C.
   *
   * @param transA use Aᵀ
   * @param transB use Bᵀ
   * @param m rows of op(A) and C
   * @param n columns of op(B) and C
   * @param k columns of op(A), rows of op(B)
   * @param lda leading dimension (rows as stored) of A
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k,
      double alpha, double[] a, int aOff, int lda,
      double[] b, int bOff, int ldb,
      double beta, double[] c, int cOff, int ldc) {
    int aRows = transA ? k : m;
    int aCols = transA ? m : k;
    int bRows = transB ? n : k;
    int bCols = transB ? k : n;
    check("A", a, aOff, lda, aRows, aCols);
    check("B", b, bOff, ldb, bRows, bCols);
    check("C", c, cOff, ldc, m, n);
    if (m == 0 || n == 0) {
      return;
    }
    BLAS_INSTANCE.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k,
        alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
  }

  /**
   * C := op(A) · op(B) in float32 (sgemm, beta 0), with the same shape checks as {@link #gemm}: what a FLOAT32 pass
   * multiplies with ({@link Products.Float32}).
   */
  public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
    check("A", a.length, aOff, lda, transA ? k : m, transA ? m : k);
    check("B", b.length, bOff, ldb, transB ? n : k, transB ? k : n);
    check("C", c.length, cOff, ldc, m, n);
    if (m == 0 || n == 0) {
      return;
    }
    BLAS_INSTANCE.sgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, 1.0f, a, aOff, lda, b, bOff, ldb, 0.0f, c,
        cOff, ldc);
  }

  private static void check(String name, double[] x, int off, int ld, int rows, int cols) {
    check(name, x.length, off, ld, rows, cols);
  }

  private static void check(String name, int length, int off, int ld, int rows, int cols) {
    if (rows < 0 || cols < 0 || off < 0 || ld < Math.max(1, rows)) {
      throw new IllegalArgumentException(name + ": bad shape " + rows + "×" + cols + " with ld " + ld
          + " at offset " + off);
    }
    long last = cols == 0 || rows == 0 ? off : off + (long) ld * (cols - 1) + rows;
    if (last > length) {
      throw new IllegalArgumentException(name + ": " + rows + "×" + cols + " (ld " + ld + ") at offset " + off
          + " needs " + last + " entries, array has " + length);
    }
  }
}
