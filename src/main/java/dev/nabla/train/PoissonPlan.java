package dev.nabla.train;

import dev.nabla.data.PackedPartition;

/**
 * One partition's Poisson draws for a whole epoch ({@link PoissonSampling}): for each step, the local
 * numbers of its rows, in local order. Built once per epoch in O(rows + draws) by two passes over each
 * row's draws (count per step, then place), so that a step touches only its own rows.
 */
final class PoissonPlan {
  final int epoch;
  /** Local row numbers, grouped by step: step s's rows are {@code rows[stepStart[s] .. stepStart[s + 1])}. */
  final int[] rows;
  /** Offsets into {@link #rows}; length steps + 1. */
  final int[] stepStart;

  PoissonPlan(PackedPartition p, PoissonSampling sampling, int epoch) {
    this.epoch = epoch;
    int steps = sampling.stepsPerEpoch();
    int[] count = new int[steps + 1];
    for (int r = 0; r < p.rows; r++) {
      PoissonSampling.Draws d = sampling.draws(epoch, p.index[r]);
      for (int s = d.next(); s < steps; s = d.next()) {
        count[s + 1]++;
      }
    }
    for (int s = 0; s < steps; s++) {
      count[s + 1] += count[s];
    }
    this.stepStart = count.clone();
    this.rows = new int[count[steps]];
    for (int r = 0; r < p.rows; r++) {
      PoissonSampling.Draws d = sampling.draws(epoch, p.index[r]);
      for (int s = d.next(); s < steps; s = d.next()) {
        rows[count[s]++] = r;
      }
    }
  }

  /** How many of the partition's rows step {@code s} has. */
  int rowsIn(int s) {
    return stepStart[s + 1] - stepStart[s];
  }
}
