package dev.nabla.train;

import dev.nabla.data.Layout;
import dev.nabla.data.ShardGroup;

/**
 * One training partition's rows of one window of an epoch ({@link BatchSchedule}), sorted by their positions in
 * the epoch's order, with the shards they live in loaded: a step reads a contiguous run of it (two runs, of two
 * plans, when it straddles a window's end). Built in O(n log n) for the window's n rows after one pass over the
 * partition's row bookkeeping; holds the window's shards until the partition moves on.
 */
final class WindowPlan {
  final int epoch;
  final int window;
  final RowRefs refs;
  final long[] position;

  WindowPlan(ShardGroup g, Layout layout, BatchSchedule schedule, int epoch, int window) {
    this.epoch = epoch;
    this.window = window;
    RowRefs all = RowRefs.members(g, layout, k -> schedule.windowOf(epoch, k) == window);
    long[] keys = new long[all.size];
    for (int i = 0; i < all.size; i++) {
      keys[i] = (schedule.position(epoch, all.view[i]) << 31) | i;
    }
    java.util.Arrays.sort(keys);
    all.reorder(keys);
    this.position = new long[all.size];
    for (int i = 0; i < all.size; i++) {
      position[i] = keys[i] >>> 31;
    }
    all.load(g);
    this.refs = all;
  }

  /** The first index whose position is ≥ p (the size when none is). */
  int indexOf(long p) {
    int i = java.util.Arrays.binarySearch(position, p);
    return i >= 0 ? i : -i - 1;
  }
}
