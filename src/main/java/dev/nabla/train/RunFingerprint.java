package dev.nabla.train;

import dev.nabla.nn.Topology;
import dev.nabla.privacy.PrivacyConfig;
import java.util.Arrays;

/**
 * What a checkpoint must match to be resumed into a run, as the {@code long[]} a {@link Checkpoint} stores:
 * {numParams, rows, batch size, seed, epochs}, then {−1, bits of the clip C, bits of the noise σ} when batches
 * are Poisson-sampled (C and σ 0 without DP), then {−2} when the targets are standardized
 * ({@link TargetScalingKind#STANDARD}). A run without either has the five numbers only, as before these settings
 * existed, so its older checkpoints still resume.
 */
final class RunFingerprint {
  private static final long POISSON = -1;
  private static final long STANDARDIZED_TARGETS = -2;

  private RunFingerprint() {
  }

  /** The fingerprint of a run with these settings over {@code rows} training rows. */
  static long[] of(Topology t, long rows, TrainSettings s, boolean poisson, PrivacyConfig privacy) {
    long[] f = {t.numParams(), rows, s.batchSize(), s.seed(), s.epochs()};
    if (poisson || privacy != null) {
      f = append(f, POISSON, privacy == null ? 0 : Double.doubleToLongBits(privacy.clip()),
          privacy == null ? 0 : Double.doubleToLongBits(privacy.noiseMultiplier()));
    }
    if (s.targetScaling() == TargetScalingKind.STANDARD) {
      f = append(f, STANDARDIZED_TARGETS);
    }
    return f;
  }

  /** The settings a fingerprint stands for, in words ("330 parameters, 150 rows, batch 16, …"). */
  static String describe(long[] f) {
    if (f.length < 5) {
      return Arrays.toString(f);
    }
    StringBuilder b = new StringBuilder(f[0] + " parameters, " + f[1] + " rows, batch " + f[2] + ", seed " + f[3] + ", "
        + f[4] + " epochs");
    int i = 5;
    if (i + 2 < f.length && f[i] == POISSON) {
      b.append(f[i + 1] == 0 ? ", Poisson sampling" : ", DP-SGD clip " + Double.longBitsToDouble(f[i + 1]) + " noise "
          + Double.longBitsToDouble(f[i + 2]));
      i += 3;
    }
    boolean standardized = i < f.length && f[i] == STANDARDIZED_TARGETS;
    b.append(", scale-target ").append(standardized ? "standard" : "none");
    return b.toString();
  }

  private static long[] append(long[] f, long... more) {
    long[] out = Arrays.copyOf(f, f.length + more.length);
    System.arraycopy(more, 0, out, f.length, more.length);
    return out;
  }
}
