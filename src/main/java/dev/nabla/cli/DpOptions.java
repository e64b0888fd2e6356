package dev.nabla.cli;

import dev.nabla.privacy.PrivacyConfig;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Differentially private training (DP-SGD) and the batch sampling, as flags of {@code train}. */
final class DpOptions {
  @Option(names = "--dp-clip", description = "DP-SGD: clip each sample's gradient to this L2 norm C (turns DP-SGD on; "
      + "needs --dp-noise and --dp-delta).")
  Double clip;

  @Option(names = "--dp-noise", description = "DP-SGD: noise multiplier σ; N(0, σ²C²) is added to each step's clipped "
      + "gradient sum.")
  Double noise;

  @Option(names = "--dp-delta", description = "DP-SGD: the δ of the reported (ε, δ), e.g. 1e-5 (keep it below 1/N).")
  Double delta;

  @Option(names = "--dp-target-epsilon", description = "DP-SGD: stop before an epoch would take ε above this.")
  Double targetEpsilon;

  @Option(names = "--dp-secure-noise", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "DP-SGD: draw the noise from SecureRandom (not reproducible) "
      + "instead of the run's seed.")
  boolean secureNoise;

  @Option(names = "--sampling", description = "Batches: shuffle (each row once per epoch, "
      + "fixed size) or poisson (each row independently with probability m/N per step; always used by DP-SGD) "
      + "(default: shuffle, or poisson with DP-SGD).")
  String sampling;

  /** Whether any DP flag was given. */
  boolean any() {
    return clip != null || noise != null || delta != null || targetEpsilon != null || secureNoise;
  }

  /** The validated privacy settings, or null when no DP flag was given. */
  PrivacyConfig privacy() {
    if (!any()) {
      return null;
    }
    String missing = clip == null ? "--dp-clip" : noise == null ? "--dp-noise" : delta == null ? "--dp-delta" : null;
    if (missing != null) {
      throw new UsageException(missing + " is required for DP-SGD (give --dp-clip C --dp-noise σ --dp-delta δ, "
          + "e.g. --dp-clip 1 --dp-noise 1.1 --dp-delta 1e-5)");
    }
    try {
      return new PrivacyConfig(clip, noise, delta, targetEpsilon == null ? Double.NaN : targetEpsilon, secureNoise);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + e.getMessage());
    }
  }

  /** Whether batches are Poisson-sampled (--sampling poisson, or DP-SGD). */
  boolean poisson() {
    String s = sampling == null ? (any() ? "poisson" : "shuffle") : sampling.toLowerCase(Locale.ROOT);
    if (!s.equals("shuffle") && !s.equals("poisson")) {
      throw new UsageException("--sampling: unknown sampling '" + sampling + "': expected shuffle or poisson");
    }
    if (any() && s.equals("shuffle")) {
      throw new UsageException("--sampling shuffle: DP-SGD's accountant needs Poisson sampling; drop --sampling");
    }
    return s.equals("poisson");
  }
}
