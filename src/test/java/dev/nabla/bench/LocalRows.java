package dev.nabla.bench;

import java.io.Serializable;

/**
 * Rows held on one machine as column-major primitive arrays, for the benchmarks' single-threaded simulations
 * ({@link SgdGrid}): no Spark, no blocks.
 *
 * <p>{@code features} is numFeatures × rows (column r at r · numFeatures), already scaled;
 * {@code targets} is numTargets × rows (one-hot for classification); {@code index[r]} is row r's global
 * position in the input, 0..N−1, which decides the step it belongs to (see the train package's
 * batch schedule). One partition holds at most 2³¹ − 1 feature values: use more partitions for more.
 */
final class LocalRows implements Serializable {
  private static final long serialVersionUID = 1L;

  public final int numFeatures;
  public final int numTargets;
  public final int rows;
  public final double[] features;
  public final double[] targets;
  public final long[] index;

  LocalRows(int numFeatures, int numTargets, int rows, double[] features, double[] targets,
      long[] index) {
    if ((long) numFeatures * rows != features.length || (long) numTargets * rows != targets.length
        || index.length != rows) {
      throw new IllegalArgumentException("packed arrays do not match " + rows + " rows of " + numFeatures
          + " features and " + numTargets + " targets");
    }
    this.numFeatures = numFeatures;
    this.numTargets = numTargets;
    this.rows = rows;
    this.features = features;
    this.targets = targets;
    this.index = index;
  }

  /** The examples, in their order, with one-hot targets of length {@code numClasses}. */
  static LocalRows of(java.util.List<dev.nabla.data.Example> rows, int numFeatures, int numClasses) {
    int n = rows.size();
    double[] x = new double[numFeatures * n];
    double[] y = new double[numClasses * n];
    long[] index = new long[n];
    for (int r = 0; r < n; r++) {
      dev.nabla.data.Example e = rows.get(r);
      System.arraycopy(e.features(), 0, x, r * numFeatures, numFeatures);
      y[r * numClasses + (int) e.target()[0]] = 1.0;
      index[r] = e.index();
    }
    return new LocalRows(numFeatures, numClasses, n, x, y, index);
  }

  /**
   * Copies the given rows, in the given order, into column-major batch matrices x (numFeatures × count)
   * and y (numTargets × count), which must be large enough.
   *
   * @param rowIds local row numbers; entries [from, to) are used
   */
  public void gather(int[] rowIds, int from, int to, double[] x, double[] y) {
    int nf = numFeatures;
    int nt = numTargets;
    for (int c = 0, k = from; k < to; c++, k++) {
      int r = rowIds[k];
      System.arraycopy(features, r * nf, x, c * nf, nf);
      System.arraycopy(targets, r * nt, y, c * nt, nt);
    }
  }
}
