package dev.nabla.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One random batch held both ways: sparse inputs, the same inputs as a dense column-major array, and
 * targets valid for the topology's loss (tests here, and {@code bench.SparseKernelBench}).
 */
public record SparseBatch(SparseInputs sparse, double[] dense, double[] y, int cols) {

  /**
   * A batch of {@code cols} columns with {@code minNonZeros}..{@code maxNonZeros} non-zeros each, at
   * distinct random features, values ~ N(0, 1).
   */
  public static SparseBatch random(Topology t, int cols, int minNonZeros, int maxNonZeros, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n0 = t.inputSize();
    SparseInputs sparse = new SparseInputs(n0);
    double[] dense = new double[n0 * cols];
    for (int c = 0; c < cols; c++) {
      int[] idx = distinctSorted(rng, n0, rng.nextInt(minNonZeros, maxNonZeros + 1));
      double[] val = new double[idx.length];
      for (int k = 0; k < idx.length; k++) {
        val[k] = rng.nextGaussian();
        dense[c * n0 + idx[k]] = val[k];
      }
      sparse.addColumn(idx, val, 0, idx.length);
    }
    double[] y = GradientCheck.randomBatch(t, cols, seed + 1)[1];
    return new SparseBatch(sparse, dense, y, cols);
  }

  /** {@code k} distinct integers of [0, n), increasing (a partial Fisher–Yates shuffle, then sorted). */
  static int[] distinctSorted(SplittableRandom rng, int n, int k) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = rng.nextInt(i, n);
      int swap = all[i];
      all[i] = all[j];
      all[j] = swap;
    }
    int[] picked = Arrays.copyOf(all, k);
    Arrays.sort(picked);
    return picked;
  }
}
