package dev.nabla.nn;

/**
 * SplitMix64's finaliser (Steele, Lea &amp; Flood 2014), the one 64-bit mixing function Nabla derives
 * every seed, permutation round and split from.
 */
public final class SplitMix {
  /** The golden-ratio increment SplitMix64 adds between outputs. */
  public static final long GAMMA = 0x9E3779B97F4A7C15L;

  private SplitMix() {
  }

  /** A well-mixed 64-bit value from {@code z}. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
