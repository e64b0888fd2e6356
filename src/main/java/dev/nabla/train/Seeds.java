package dev.nabla.train;

import dev.nabla.nn.SplitMix;

/** Splits the run's one seed into independent seeds per use (SplitMix64 of seed and a use number). */
public final class Seeds {
  private Seeds() {
  }

  /** A seed for (epoch, row) under a use's seed: e.g. one dropout mask generator per row and epoch. */
  public static long forRow(long useSeed, int epoch, long row) {
    return split(split(useSeed, epoch) ^ row * 0xD1B54A32D192ED03L, 0);
  }

  /** A seed for use number {@code use} (1 = initialisation, 2 = batch order, 3 = validation split, …). */
  public static long split(long seed, int use) {
    return SplitMix.mix(seed + SplitMix.GAMMA * (use + 1));
  }
}
