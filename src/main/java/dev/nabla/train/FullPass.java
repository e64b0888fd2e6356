package dev.nabla.train;

import dev.nabla.data.ShardGroup;
import dev.nabla.data.block.Block;
import dev.nabla.nn.DenseInputs;
import dev.nabla.nn.Inputs;
import dev.nabla.nn.SparseInputs;
import java.util.function.LongPredicate;

/**
 * A pass over every row of a training partition (or those a predicate keeps), one shard at a time, in storage
 * order: the rows are gathered into column-major batches of at most {@code chunk} columns and handed to a
 * consumer. What evaluation, the health probe and full-batch L-BFGS read the data with; a task holds one
 * shard at a time, however large its partition.
 */
final class FullPass {
  private final DataView view;
  private final int chunk;
  private final double[] x;
  private final Inputs inputs;
  private final double[] y;
  private final StepRows run = new StepRows();

  /** Receives one gathered batch: the inputs X (n_0 × cols) and y (nt × cols, column-major). */
  @FunctionalInterface
  interface Batch {
    void accept(Inputs x, double[] y, int cols);
  }

  /** Batches of at most {@code chunk} rows, dense or sparse as the view says. */
  FullPass(DataView view, int chunk) {
    this.view = view;
    this.chunk = chunk;
    this.x = view.sparse() ? null : new double[view.numFeatures() * chunk];
    this.inputs = view.sparse() ? new SparseInputs(view.numFeatures()) : new DenseInputs(x, view.numFeatures());
    this.y = new double[view.numTargets() * chunk];
  }

  /** Receives one stored row. */
  @FunctionalInterface
  interface Row {
    void accept(Block block, int row);
  }

  /** Visits every member row of the group as stored (unscaled), one shard at a time, in storage order. */
  static void forEachRow(ShardGroup g, DataView view, Row visitor) {
    for (int i = 0; i < g.slices(); i++) {
      RowRefs refs = slice(g, view, i, k -> true);
      for (int j = 0; j < refs.size; j++) {
        visitor.accept(refs.blockOf(j), refs.row[j]);
      }
    }
  }

  /** The kept rows of slice i, with its shard loaded (none when it has no kept row). */
  private static RowRefs slice(ShardGroup g, DataView view, int i, LongPredicate keep) {
    RowRefs refs = new RowRefs(g.slices());
    view.layout().forEachMember(g.shardOf(i), g.from(i), g.to(i), (b, r, k) -> {
      if (keep.test(k)) {
        refs.add(i, b, r, k);
      }
    });
    if (refs.size > 0) {
      refs.load(g);
    }
    return refs;
  }

  /** Gathers the kept rows of the group into batches for {@code consumer}. */
  void forEach(ShardGroup g, LongPredicate keep, Batch consumer) {
    for (int i = 0; i < g.slices(); i++) {
      RowRefs refs = slice(g, view, i, keep);
      for (int from = 0; from < refs.size; from += chunk) {
        int cols = Math.min(chunk, refs.size - from);
        run.clear();
        run.add(refs, null, from, from + cols);
        if (inputs instanceof SparseInputs sparse) {
          run.gatherSparse(sparse, y, view.numTargets(), view.scaling(), view.targets());
        } else {
          run.gather(x, y, view.numFeatures(), view.numTargets(), view.scaling(), view.targets());
        }
        consumer.accept(inputs, y, cols);
      }
    }
  }
}
