package dev.nabla.train;

import dev.nabla.data.PackedPartition;

/**
 * One partition's rows for one epoch, bucketed by step: the rows of step s are
 * {@code order[stepStart[s] .. stepStart[s + 1])}, in the order of their positions in the epoch's
 * permutation. Built once per epoch in O(n log n) for the partition's n rows; a step then reads only
 * its own rows.
 */
final class PartitionPlan {
  final int epoch;
  final int[] order;
  final int[] stepStart;

  PartitionPlan(PackedPartition p, BatchSchedule schedule, int epoch) {
    this.epoch = epoch;
    int n = p.rows;
    if (schedule.rows() > (1L << 32)) {
      throw new IllegalArgumentException("at most 2^32 training rows are supported, got " + schedule.rows());
    }
    long[] keys = new long[n];
    for (int r = 0; r < n; r++) {
      keys[r] = (schedule.position(epoch, p.index[r]) << 31) | r;
    }
    java.util.Arrays.sort(keys);
    int steps = schedule.stepsPerEpoch();
    this.order = new int[n];
    this.stepStart = new int[steps + 1];
    int m = schedule.batchSize();
    int s = 0;
    for (int k = 0; k < n; k++) {
      order[k] = (int) (keys[k] & 0x7FFFFFFFL);
      int step = (int) ((keys[k] >>> 31) / m);
      while (s < step) {
        stepStart[++s] = k;
      }
    }
    while (s < steps) {
      stepStart[++s] = n;
    }
  }

  /** Number of this partition's rows in the given step. */
  int rowsIn(int step) {
    return stepStart[step + 1] - stepStart[step];
  }
}
