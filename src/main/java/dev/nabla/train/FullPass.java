package dev.nabla.train;

import dev.nabla.data.ShardGroup;
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
  final double[] x;
  final double[] y;
  private final StepRows run = new StepRows();

  /** Receives one gathered batch: x (nf × cols), y (nt × cols), column-major. */
  @FunctionalInterface
  interface Batch {
    void accept(double[] x, double[] y, int cols);
  }

  FullPass(DataView view, int chunk) {
    this.view = view;
    this.chunk = chunk;
    this.x = new double[view.numFeatures() * chunk];
    this.y = new double[view.numTargets() * chunk];
  }

  /** Gathers the kept rows of the group into batches for {@code consumer}. */
  void forEach(ShardGroup g, LongPredicate keep, Batch consumer) {
    for (int i = 0; i < g.slices(); i++) {
      RowRefs refs = new RowRefs(g.slices());
      int slice = i;
      view.layout().forEachMember(g.shardOf(i), g.from(i), g.to(i), (b, r, k) -> {
        if (keep.test(k)) {
          refs.add(slice, b, r, k);
        }
      });
      if (refs.size == 0) {
        continue;
      }
      refs.load(g);
      for (int from = 0; from < refs.size; from += chunk) {
        int cols = Math.min(chunk, refs.size - from);
        run.clear();
        run.add(refs, null, from, from + cols);
        run.gather(x, y, view.numFeatures(), view.numTargets(), view.scaling());
        consumer.accept(x, y, cols);
      }
    }
  }
}
