package dev.nabla.train;

import dev.nabla.data.Layout;
import dev.nabla.data.Shard;
import dev.nabla.data.ShardGroup;
import dev.nabla.data.block.Block;
import java.util.Arrays;

/**
 * Rows of a training partition as references into the shards it has loaded: per row its slice (which shard),
 * block, row in the block and view index, in parallel primitive arrays (no per-row objects). What a step's
 * gather reads from.
 */
final class RowRefs {
  /** The loaded shard of each slice of the group; null where no referenced row lives. */
  final Shard[] shards;
  int size;
  int[] slot = new int[16];
  int[] block = new int[16];
  int[] row = new int[16];
  long[] view = new long[16];

  RowRefs(int slices) {
    this.shards = new Shard[slices];
  }

  /** Every view member of the group's slices that {@code keep} accepts, in storage order. */
  static RowRefs members(ShardGroup g, Layout layout, java.util.function.LongPredicate keep) {
    RowRefs refs = new RowRefs(g.slices());
    for (int i = 0; i < g.slices(); i++) {
      int slice = i;
      layout.forEachMember(g.shardOf(i), g.from(i), g.to(i), (b, r, k) -> {
        if (keep.test(k)) {
          refs.add(slice, b, r, k);
        }
      });
    }
    return refs;
  }

  void add(int s, int b, int r, long k) {
    if (size == slot.length) {
      int n = 2 * size;
      slot = Arrays.copyOf(slot, n);
      block = Arrays.copyOf(block, n);
      row = Arrays.copyOf(row, n);
      view = Arrays.copyOf(view, n);
    }
    slot[size] = s;
    block[size] = b;
    row[size] = r;
    view[size++] = k;
  }

  /** Loads the shards that referenced rows live in (from Spark's cache, or the input if lost). */
  void load(ShardGroup g) {
    boolean[] needed = new boolean[shards.length];
    for (int i = 0; i < size; i++) {
      needed[slot[i]] = true;
    }
    for (int s = 0; s < shards.length; s++) {
      if (needed[s] && shards[s] == null) {
        shards[s] = g.load(s);
      }
    }
  }

  /** The block of reference i. */
  Block blockOf(int i) {
    return shards[slot[i]].blocks().get(block[i]);
  }

  /** Reorders the references by {@code keys} (ascending; each key's low 31 bits are the reference's index). */
  void reorder(long[] keys) {
    int[] s = new int[size];
    int[] b = new int[size];
    int[] r = new int[size];
    long[] v = new long[size];
    for (int i = 0; i < size; i++) {
      int j = (int) (keys[i] & 0x7FFFFFFFL);
      s[i] = slot[j];
      b[i] = block[j];
      r[i] = row[j];
      v[i] = view[j];
    }
    slot = s;
    block = b;
    row = r;
    view = v;
  }
}
