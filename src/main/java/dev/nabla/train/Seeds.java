package dev.nabla.train;

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
    long z = seed + 0x9E3779B97F4A7C15L * (use + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
