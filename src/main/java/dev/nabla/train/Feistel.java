package dev.nabla.train;

import dev.nabla.nn.SplitMix;
import java.io.Serializable;

/**
 * A seeded pseudorandom permutation of 0..n−1 evaluated per element in O(1) time and memory: a 4-round
 * Feistel network on the smallest even number of bits covering n, with cycle-walking back into [0, n).
 * Rounds are keyed by (seed, epoch, round), so every epoch has its own permutation.
 */
final class Feistel implements Serializable {
  private static final long serialVersionUID = 1L;
  private final long n;
  private final long seed;
  private final int halfBits;
  private final long halfMask;

  /** @param n ≥ 1 */
  Feistel(long n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("a permutation of " + n + " elements");
    }
    this.n = n;
    this.seed = seed;
    int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1));
    this.halfBits = (bits + 1) / 2;
    this.halfMask = (1L << halfBits) - 1;
  }

  /** π_epoch(x) for 0 ≤ x &lt; n. */
  long permute(int epoch, long x) {
    long y = x;
    do {
      y = round(epoch, y);
    } while (y >= n);
    return y;
  }

  private long round(int epoch, long x) {
    long left = x >>> halfBits;
    long right = x & halfMask;
    for (int round = 0; round < 4; round++) {
      long next = left ^ (SplitMix.mix(seed * SplitMix.GAMMA + ((long) epoch << 32) + ((long) round << 56) + right)
          & halfMask);
      left = right;
      right = next;
    }
    return (left << halfBits) | right;
  }
}
