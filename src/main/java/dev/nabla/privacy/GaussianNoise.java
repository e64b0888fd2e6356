package dev.nabla.privacy;

import dev.nabla.nn.SplitMix;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The Gaussian mechanism's noise, added once per step on the driver to the clipped gradient SUM (before
 * the division by the expected batch size). By default the draws of global step t come from a
 * {@link SplittableRandom} seeded by SplitMix64 of (seed, t), so a run, and a resumed run, is
 * reproducible; in secure mode they come from one {@link SecureRandom} (not reproducible, and the
 * choice when the released model must resist an adversary who could guess the seed).
 */
public final class GaussianNoise {
  private final long seed;
  private final SecureRandom secure;

  private GaussianNoise(long seed, SecureRandom secure) {
    this.seed = seed;
    this.secure = secure;
  }

  /** Seeded, reproducible noise. */
  public static GaussianNoise seeded(long seed) {
    return new GaussianNoise(seed, null);
  }

  /** Noise from {@link SecureRandom}. */
  public static GaussianNoise secure() {
    return new GaussianNoise(0, new SecureRandom());
  }

  /** Whether this draws from {@link SecureRandom}. */
  public boolean isSecure() {
    return secure != null;
  }

  /**
   * Adds N(0, stddev²) independently to every entry of {@code sum} (a gradient SUM), for global step
   * {@code step}; stddev = 0 leaves the array untouched (no bit changes).
   */
  public void add(double[] sum, double stddev, long step) {
    if (!(stddev >= 0) || Double.isInfinite(stddev)) {
      throw new IllegalArgumentException("noise stddev must be a finite number ≥ 0, got " + stddev);
    }
    if (stddev == 0) {
      return;
    }
    RandomGenerator rng = secure != null ? secure : new SplittableRandom(SplitMix.mix(seed + SplitMix.GAMMA * step));
    for (int i = 0; i < sum.length; i++) {
      sum[i] += stddev * rng.nextGaussian();
    }
  }
}
