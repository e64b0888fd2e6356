package dev.nabla.train;

import dev.nabla.data.Layout;
import dev.nabla.data.ShardGroup;

/**
 * One training partition's Poisson draws for a whole epoch ({@link PoissonSampling}): for each step, which of
 * its rows are in it, in storage order. Built once per epoch in O(rows + draws) by two passes over each row's
 * draws (count per step, then place), so that a step touches only its own rows. A Poisson step may draw any row
 * of the data set, so the plan holds all of the partition's shards for the epoch: DP-SGD needs the training data
 * in memory (the driver checks that it fits before training).
 */
final class PoissonPlan {
  final int epoch;
  /** Every row of the partition, with its shard loaded. */
  final RowRefs members;
  /** Indices into {@link #members}, grouped by step: step s's rows are {@code rows[stepStart[s] .. stepStart[s + 1])}. */
  final int[] rows;
  /** Offsets into {@link #rows}; length steps + 1. */
  final int[] stepStart;

  PoissonPlan(ShardGroup g, Layout layout, PoissonSampling sampling, int epoch) {
    this.epoch = epoch;
    this.members = RowRefs.members(g, layout, k -> true);
    members.load(g);
    int steps = sampling.stepsPerEpoch();
    int[] count = new int[steps + 1];
    for (int i = 0; i < members.size; i++) {
      PoissonSampling.Draws d = sampling.draws(epoch, members.view[i]);
      for (int s = d.next(); s < steps; s = d.next()) {
        count[s + 1]++;
      }
    }
    for (int s = 0; s < steps; s++) {
      count[s + 1] += count[s];
    }
    this.stepStart = count.clone();
    this.rows = new int[count[steps]];
    for (int i = 0; i < members.size; i++) {
      PoissonSampling.Draws d = sampling.draws(epoch, members.view[i]);
      for (int s = d.next(); s < steps; s = d.next()) {
        rows[count[s]++] = i;
      }
    }
  }

  /** How many of the partition's rows step {@code s} has. */
  int rowsIn(int s) {
    return stepStart[s + 1] - stepStart[s];
  }
}
