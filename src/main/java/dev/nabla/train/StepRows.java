package dev.nabla.train;

import dev.nabla.data.block.Block;
import dev.nabla.model.Scaling;
import dev.nabla.nn.SparseInputs;

/**
 * A step's rows in one training partition, in the order the batch takes them: one or two runs of
 * {@link RowRefs} (a run is a range of a window plan, or of a Poisson plan's per-step index list). Reused from
 * step to step; {@link #gather} decodes the rows into the batch matrices.
 */
final class StepRows {
  private final RowRefs[] refs = new RowRefs[2];
  private final int[][] order = new int[2][];
  private final int[] from = new int[2];
  private final int[] to = new int[2];
  private int runs;

  void clear() {
    runs = 0;
    refs[0] = refs[1] = null;
    order[0] = order[1] = null;
  }

  /** Appends references [from, to) of {@code r}, or {@code r}'s entries {@code order[from..to)} when order is given. */
  void add(RowRefs r, int[] ord, int f, int t) {
    refs[runs] = r;
    order[runs] = ord;
    from[runs] = f;
    to[runs++] = t;
  }

  /** Rows in the step. */
  int count() {
    int n = 0;
    for (int i = 0; i < runs; i++) {
      n += to[i] - from[i];
    }
    return n;
  }

  /** The view index of the step's c-th row. */
  long view(int c) {
    for (int i = 0; i < runs; i++) {
      int n = to[i] - from[i];
      if (c < n) {
        int k = from[i] + c;
        return refs[i].view[order[i] == null ? k : order[i][k]];
      }
      c -= n;
    }
    throw new IndexOutOfBoundsException("row " + c + " of a step");
  }

  /**
   * Decodes the step's rows into sparse columns (one per row, features scaled by {@code scaling}, null for none)
   * and their targets into y (nt × count: one-hot for class labels; regression targets standardized by
   * {@code targets}, null for none).
   */
  void gatherSparse(SparseInputs x, double[] y, int nt, Scaling scaling, TargetScaling targets) {
    x.clear();
    int c = 0;
    for (int i = 0; i < runs; i++) {
      RowRefs r = refs[i];
      for (int k = from[i]; k < to[i]; k++, c++) {
        int j = order[i] == null ? k : order[i][k];
        Block b = r.blockOf(j);
        b.sparseRow(r.row[j], x, scaling);
        target(b, r.row[j], y, c, nt, targets);
      }
    }
  }

  private static void target(Block b, int row, double[] y, int c, int nt, TargetScaling targets) {
    if (b.hasLabels()) {
      java.util.Arrays.fill(y, c * nt, (c + 1) * nt, 0.0);
      y[c * nt + b.label(row)] = 1.0;
    } else {
      b.targets(row, y, c * nt);
      if (targets != null) {
        targets.standardize(y, c * nt);
      }
    }
  }

  /**
   * Decodes the step's rows into column-major batch matrices: features into x (nf × count, scaled by
   * {@code scaling}, null for none), targets into y (nt × count: one-hot for class labels; regression targets
   * standardized by {@code targets}, null for none).
   */
  void gather(double[] x, double[] y, int nf, int nt, Scaling scaling, TargetScaling targets) {
    int c = 0;
    for (int i = 0; i < runs; i++) {
      RowRefs r = refs[i];
      for (int k = from[i]; k < to[i]; k++, c++) {
        int j = order[i] == null ? k : order[i][k];
        Block b = r.blockOf(j);
        int row = r.row[j];
        b.denseRow(row, x, c * nf, nf, scaling);
        target(b, row, y, c, nt, targets);
      }
    }
  }
}
