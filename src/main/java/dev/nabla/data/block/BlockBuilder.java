package dev.nabla.data.block;

import java.util.Arrays;

/**
 * Builds {@link Block}s from rows as they stream in: the rows' numbers go into raw buffers of at most
 * {@code maxValues} feature values; when {@link #full()} the caller seals them with {@link #build()} into a
 * block in the narrowest exact encoding (or float32 when rounding was asked for), and the buffers are reused
 * for the next block. So building never holds more than one block's raw rows, whatever the partition size.
 *
 * <p>Dense sources (CSV, IDX, dense vectors) add rows with {@link #addDense}; sparse-capable ones (LIBSVM,
 * vector columns that may mix dense and sparse rows) with {@link #addSparse}, and each block is then stored
 * dense or as CSR, whichever takes fewer bytes. One builder, one kind of row.
 */
public final class BlockBuilder {
  /** The default bound on a block's feature values: 1 Mi values, 8 MB raw, 1–8 MB stored. */
  public static final int DEFAULT_MAX_VALUES = 1 << 20;

  private final int numTargets;
  private final double byteScale;
  private final boolean roundToFloat;
  private final int maxValues;

  private double[] values = new double[1024];
  private int[] indices;
  private int[] rowStart;
  private int[] labels = new int[64];
  private double[] targets;
  private int rows;
  private int nnz;
  private int width = -1;
  private boolean sparse;

  /**
   * @param numTargets 0 for classification (rows carry a class label), else the regression targets per row
   * @param byteScale the source's byte scale (see {@link Values#exact}): 1, or 255 for IDX pixels
   * @param roundToFloat store features as float32 where they are not exactly bytes (opt-in, lossy)
   * @param maxValues feature values per block, at least 1 (a row wider than that gets a block of its own)
   */
  public BlockBuilder(int numTargets, double byteScale, boolean roundToFloat, int maxValues) {
    if (numTargets < 0 || maxValues < 1) {
      throw new IllegalArgumentException("numTargets must be ≥ 0 and maxValues ≥ 1, got " + numTargets + " and "
          + maxValues);
    }
    this.numTargets = numTargets;
    this.byteScale = byteScale;
    this.roundToFloat = roundToFloat;
    this.maxValues = maxValues;
    this.targets = numTargets > 0 ? new double[64 * numTargets] : null;
  }

  /** Rows added since the last {@link #build}. */
  public int rows() {
    return rows;
  }

  /** Whether the block should be sealed before another row is added. */
  public boolean full() {
    return nnz >= maxValues;
  }

  /** Adds a dense row: {@code x[0..n)}; every dense row of a builder has the same n. */
  public void addDense(double[] x, int n) {
    if (sparse) {
      throw new IllegalStateException("this builder takes sparse rows");
    }
    if (width < 0) {
      width = n;
    } else if (n != width) {
      throw new IllegalArgumentException("a dense row of " + n + " features after rows of " + width);
    }
    ensureValues(nnz + n);
    System.arraycopy(x, 0, values, nnz, n);
    nnz += n;
  }

  /**
   * Adds a sparse row: the non-zeros {@code (idx[k], val[k])} for k &lt; n, indices strictly increasing
   * (explicit zeros are dropped; a −0.0 is kept, so every value comes back with its sign).
   */
  public void addSparse(int[] idx, double[] val, int n) {
    if (rows > 0 && !sparse) {
      throw new IllegalStateException("this builder takes dense rows");
    }
    if (!sparse) {
      sparse = true;
      indices = new int[1024];
      rowStart = new int[65];
      width = 0;
    }
    ensureValues(nnz + n);
    if (indices.length < values.length) {
      indices = Arrays.copyOf(indices, values.length);
    }
    for (int k = 0; k < n; k++) {
      if (Double.doubleToRawLongBits(val[k]) != 0) {
        indices[nnz] = idx[k];
        values[nnz++] = val[k];
        width = Math.max(width, idx[k] + 1);
      }
    }
    if (rowStart.length < rows + 2) {
      rowStart = Arrays.copyOf(rowStart, 2 * (rows + 2));
    }
    rowStart[rows + 1] = nnz;
  }

  /** The class label of the row just added (classification). */
  public void label(int label) {
    if (labels.length == rows) {
      labels = Arrays.copyOf(labels, 2 * rows);
    }
    labels[rows++] = label;
  }

  /** The regression targets of the row just added: {@code t[0..numTargets)}. */
  public void targets(double[] t) {
    if (targets.length < (rows + 1) * numTargets) {
      targets = Arrays.copyOf(targets, 2 * (rows + 1) * numTargets);
    }
    System.arraycopy(t, 0, targets, rows * numTargets, numTargets);
    rows++;
  }

  /** The rows added so far as a block (null if none), and an empty builder. */
  public Block build() {
    if (rows == 0) {
      return null;
    }
    Block b = sparse ? buildSparse() : buildDense();
    rows = 0;
    nnz = 0;
    width = sparse ? 0 : -1;
    return b;
  }

  private Block buildDense() {
    return new Block(rows, width, encode(values, nnz), null, null, labelsOrNull(), targetsOrNull(), numTargets);
  }

  /** CSR, or dense when that is smaller (a sparse-capable source whose rows are in fact mostly full). */
  private Block buildSparse() {
    Values v = encode(values, nnz);
    long csr = (long) nnz * (4 + v.encoding().bytes) + 4L * (rows + 1);
    long dense = (long) rows * width * v.encoding().bytes;
    if (dense <= csr && (long) rows * width <= Integer.MAX_VALUE - 8) {
      double[] full = new double[rows * width];
      for (int r = 0; r < rows; r++) {
        for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
          full[r * width + indices[k]] = values[k];
        }
      }
      return new Block(rows, width, encode(full, full.length), null, null, labelsOrNull(), targetsOrNull(), numTargets);
    }
    return new Block(rows, width, v, Arrays.copyOf(rowStart, rows + 1), Arrays.copyOf(indices, nnz), labelsOrNull(),
        targetsOrNull(), numTargets);
  }

  private Values encode(double[] raw, int n) {
    return roundToFloat ? Values.rounded(raw, n, byteScale) : Values.exact(raw, n, byteScale);
  }

  private int[] labelsOrNull() {
    return numTargets == 0 ? Arrays.copyOf(labels, rows) : null;
  }

  private Values targetsOrNull() {
    return numTargets > 0 ? Values.exact(targets, rows * numTargets, 1.0) : null;
  }

  private void ensureValues(int n) {
    if (values.length < n) {
      values = Arrays.copyOf(values, Math.max(n, Math.min(2 * values.length, Math.max(n, maxValues))));
    }
  }
}
