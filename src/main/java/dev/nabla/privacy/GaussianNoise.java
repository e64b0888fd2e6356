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
    if (checkedZero(stddev)) {
      return;
    }
    RandomGenerator rng = rng(step);
    for (int i = 0; i < sum.length; i++) {
      sum[i] += stddev * rng.nextGaussian();
    }
  }

  /**
   * The values {@link #add} would add for {@code step}, drawn ahead into {@code into} (the same values bit
   * for bit in seeded mode), so that the draw can run while the step's tasks compute; all zero for
   * stddev = 0. Add them with {@link #addDrawn}.
   */
  public void draw(double[] into, double stddev, long step) {
    if (checkedZero(stddev)) {
      java.util.Arrays.fill(into, 0.0);
      return;
    }
    RandomGenerator rng = rng(step);
    for (int i = 0; i < into.length; i++) {
      into[i] = stddev * rng.nextGaussian();
    }
  }

  /** {@code sum += drawn}, entry by entry: the same result as {@link #add} with the draw's arguments. */
  public static void addDrawn(double[] sum, double[] drawn) {
    if (sum.length != drawn.length) {
      throw new IllegalArgumentException("sizes differ: " + sum.length + " vs " + drawn.length);
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] += drawn[i];
    }
  }

  private static boolean checkedZero(double stddev) {
    if (!(stddev >= 0) || Double.isInfinite(stddev)) {
      throw new IllegalArgumentException("noise stddev must be a finite number ≥ 0, got " + stddev);
    }
    return stddev == 0;
  }

  private RandomGenerator rng(long step) {
    return secure != null ? secure : new SplittableRandom(SplitMix.mix(seed + SplitMix.GAMMA * step));
  }
}
