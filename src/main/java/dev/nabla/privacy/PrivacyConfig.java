package dev.nabla.privacy;

/**
 * The DP-SGD settings of a run, validated.
 *
 * @param clip C &gt; 0: each sample's gradient is clipped to L2 norm C; +∞ disables clipping (then σ must be 0,
 *     no privacy guarantee holds and ε is reported as +∞; used to prove the code path changes nothing)
 * @param noiseMultiplier σ ≥ 0, finite: the noise added to the clipped gradient SUM is N(0, σ²C²) per
 *     entry; σ = 0 gives no privacy (ε = +∞)
 * @param delta δ in (0, 1): the δ of the reported (ε, δ); should be well below 1/N
 * @param targetEpsilon stop training before ε would exceed this (&gt; 0), or NaN for no target
 * @param secureNoise draw the noise from {@link java.security.SecureRandom} instead of the seeded generator
 */
public record PrivacyConfig(double clip, double noiseMultiplier, double delta, double targetEpsilon,
    boolean secureNoise) {

  public PrivacyConfig {
    if (!(clip > 0)) {
      throw new IllegalArgumentException("dp-clip must be a number > 0 (or Infinity for none), got " + clip);
    }
    if (!(noiseMultiplier >= 0) || Double.isInfinite(noiseMultiplier)) {
      throw new IllegalArgumentException("dp-noise must be a finite number ≥ 0, got " + noiseMultiplier);
    }
    if (Double.isInfinite(clip) && noiseMultiplier > 0) {
      throw new IllegalArgumentException("dp-noise must be 0 when dp-clip is Infinity (noise σ·C would be infinite), got "
          + noiseMultiplier);
    }
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("dp-delta must be in (0, 1), e.g. 1e-5, got " + delta);
    }
    if (!Double.isNaN(targetEpsilon) && !(targetEpsilon > 0)) {
      throw new IllegalArgumentException("dp-target-epsilon must be a number > 0 (or unset), got " + targetEpsilon);
    }
  }

  /** Settings without a target ε, with the seeded noise generator. */
  public static PrivacyConfig of(double clip, double noiseMultiplier, double delta) {
    return new PrivacyConfig(clip, noiseMultiplier, delta, Double.NaN, false);
  }

  /** The standard deviation σC of the noise added to each entry of the gradient SUM. */
  public double noiseStddev() {
    return Double.isInfinite(clip) ? 0 : noiseMultiplier * clip;
  }

  /** Whether a target ε was given. */
  public boolean hasTarget() {
    return !Double.isNaN(targetEpsilon);
  }

  /** A one-line description for logs and the manifest. */
  public String describe() {
    return "clip " + clip + ", noise multiplier " + noiseMultiplier + ", delta " + delta
        + (hasTarget() ? ", target epsilon " + targetEpsilon : "") + (secureNoise ? ", SecureRandom noise" : "");
  }
}
