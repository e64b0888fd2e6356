package dev.nabla.data.block;

import dev.nabla.model.Scaling;
import dev.nabla.nn.SparseInputs;
import java.io.Serializable;

/**
 * Up to a few MB of consecutive training rows, stored as compactly as the data allows and exactly: the
 * features either dense (row-major, {@code rows × width}) or sparse (CSR: row r's non-zeros are
 * {@code indices/features[rowStart[r] .. rowStart[r + 1])}, indices strictly increasing), each run of
 * numbers in its narrowest exact {@link Values} encoding; class labels as integers (one-hot targets are
 * made when a batch is gathered), regression targets as {@link Values}. Rows carry no index: a block's
 * place in the data set (the global index of its first row) is kept by the driver.
 *
 * <p>Immutable. What a task reads out of it goes through {@link #denseRow} or {@link #sparseRow}, which
 * decode (and scale) one row into a batch.
 */
public final class Block implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int rows;
  private final int width;
  private final Values features;
  private final int[] rowStart;
  private final int[] indices;
  private final int[] labels;
  private final Values targets;
  private final int numTargets;

  Block(int rows, int width, Values features, int[] rowStart, int[] indices, int[] labels, Values targets,
      int numTargets) {
    this.rows = rows;
    this.width = width;
    this.features = features;
    this.rowStart = rowStart;
    this.indices = indices;
    this.labels = labels;
    this.targets = targets;
    this.numTargets = numTargets;
  }

  /** Rows held. */
  public int rows() {
    return rows;
  }

  /** Dense: the row length; sparse: the largest feature index + 1 (at most the data set's feature count). */
  public int width() {
    return width;
  }

  /** Whether the features are stored as CSR. */
  public boolean isSparse() {
    return rowStart != null;
  }

  /** Stored feature values: rows × width when dense, the non-zeros when sparse. */
  public long storedValues() {
    return features.length();
  }

  /** The encoding of the features. */
  public Values.Encoding encoding() {
    return features.encoding();
  }

  /** Non-zero features of row r (dense rows count their zeros too: all width values are stored). */
  public int nonZeros(int r) {
    return isSparse() ? rowStart[r + 1] - rowStart[r] : width;
  }

  /** Classification: whether rows carry class labels (else regression targets). */
  public boolean hasLabels() {
    return labels != null;
  }

  /** Row r's class label. */
  public int label(int r) {
    return labels[r];
  }

  /** Row r's regression targets into {@code dst[off .. off + numTargets)}. */
  public void targets(int r, double[] dst, int off) {
    targets.copyTo(r * numTargets, dst, off, numTargets);
  }

  /** Regression targets per row (0 for classification). */
  public int numTargets() {
    return numTargets;
  }

  /** The largest class label, −1 without labels or rows. */
  public int maxLabel() {
    int m = -1;
    if (labels != null) {
      for (int l : labels) {
        m = Math.max(m, l);
      }
    }
    return m;
  }

  /** Bytes held by the arrays (what the block costs in memory or on disk, give or take headers). */
  public long bytes() {
    long b = features.bytes();
    if (rowStart != null) {
      b += 4L * (rowStart.length + indices.length);
    }
    if (labels != null) {
      b += 4L * labels.length;
    }
    if (targets != null) {
      b += targets.bytes();
    }
    return b;
  }

  /**
   * Row r's features as a dense vector into {@code dst[off .. off + numFeatures)}, zeros where nothing is
   * stored, then scaled by {@code scaling} (null: as stored).
   */
  public void denseRow(int r, double[] dst, int off, int numFeatures, Scaling scaling) {
    if (rowStart == null) {
      int n = Math.min(width, numFeatures);
      features.copyTo(r * width, dst, off, n);
      if (n < numFeatures) {
        java.util.Arrays.fill(dst, off + n, off + numFeatures, 0.0);
      }
    } else {
      java.util.Arrays.fill(dst, off, off + numFeatures, 0.0);
      for (int k = rowStart[r], end = rowStart[r + 1]; k < end; k++) {
        dst[off + indices[k]] = features.get(k);
      }
    }
    if (scaling != null) {
      scaling.applyInPlace(dst, off, numFeatures);
    }
  }

  /**
   * Row r's non-zero features appended to {@code out} as its next column, each multiplied by the scaling's
   * factor (a sparse row is never shifted: {@code scaling} must have zero shifts, or be null).
   */
  public void sparseRow(int r, SparseInputs out, Scaling scaling) {
    if (rowStart != null) {
      for (int k = rowStart[r], end = rowStart[r + 1]; k < end; k++) {
        int j = indices[k];
        out.add(j, scaling == null ? features.get(k) : scaling.apply(j, features.get(k)));
      }
    } else {
      for (int j = 0, base = r * width; j < width; j++) {
        double v = features.get(base + j);
        if (v != 0) {
          out.add(j, scaling == null ? v : scaling.apply(j, v));
        }
      }
    }
    out.endColumn();
  }

  /** Row r's stored feature (index j, value) pairs, for statistics: {@code visitor.accept(j, v)} per stored value. */
  public void forEachFeature(int r, FeatureVisitor visitor) {
    if (rowStart == null) {
      for (int j = 0, base = r * width; j < width; j++) {
        visitor.accept(j, features.get(base + j));
      }
    } else {
      for (int k = rowStart[r], end = rowStart[r + 1]; k < end; k++) {
        visitor.accept(indices[k], features.get(k));
      }
    }
  }

  /** Receives stored feature values. */
  @FunctionalInterface
  public interface FeatureVisitor {
    void accept(int index, double value);
  }
}
