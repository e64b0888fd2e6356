package dev.nabla.data;

import java.io.Serializable;

/**
 * One partition's training rows packed once into column-major primitive arrays and cached: the hot
 * path reads columns out of these arrays, with no per-row objects.
 *
 * <p>{@code features} is numFeatures × rows (column r at r · numFeatures), already scaled;
 * {@code targets} is numTargets × rows (one-hot for classification); {@code index[r]} is row r's global
 * position in the input, 0..N−1, which decides the step it belongs to (see the train package's
 * batch schedule). One partition holds at most 2³¹ − 1 feature values: use more partitions for more.
 */
public final class PackedPartition implements Serializable {
  private static final long serialVersionUID = 1L;

  public final int numFeatures;
  public final int numTargets;
  public final int rows;
  public final double[] features;
  public final double[] targets;
  public final long[] index;

  public PackedPartition(int numFeatures, int numTargets, int rows, double[] features, double[] targets,
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
