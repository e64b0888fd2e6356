package dev.nabla.train;

import dev.nabla.privacy.GaussianNoise;
import dev.nabla.privacy.PrivacyConfig;
import dev.nabla.privacy.RdpAccountant;
import java.util.Locale;

/**
 * The driver's side of DP-SGD in one run: adds the noise N(0, σ²C²) to each step's clipped gradient SUM
 * and accounts the ε spent after each epoch (RDP of the Poisson-sampled Gaussian mechanism with
 * q = m/N, round(N/m) steps per epoch, at the configured δ), and enforces the target ε.
 */
final class PrivacyLedger {
  private final PrivacyConfig config;
  private final PoissonSampling sampling;
  private final GaussianNoise noise;
  private double[] drawn;
  private long drawnStep = -1;

  PrivacyLedger(PrivacyConfig config, PoissonSampling sampling, long noiseSeed) {
    this.config = config;
    this.sampling = sampling;
    this.noise = config.secureNoise() ? GaussianNoise.secure() : GaussianNoise.seeded(noiseSeed);
  }

  /**
   * Draws global step {@code globalStep}'s noise ahead (for P = {@code numParams}), e.g. while the step's
   * tasks compute; {@link #addNoise} then adds it instead of drawing.
   */
  void prepareNoise(long globalStep, int numParams) {
    if (config.noiseStddev() == 0) {
      return; // nothing to add, and adding zeros would turn −0.0 into +0.0
    }
    if (drawn == null || drawn.length != numParams) {
      drawn = new double[numParams];
    }
    noise.draw(drawn, config.noiseStddev(), globalStep);
    drawnStep = globalStep;
  }

  /** Adds the Gaussian noise to the step's clipped gradient SUM (before the division by m). */
  void addNoise(double[] gradientSum, long globalStep) {
    if (drawn != null && drawnStep == globalStep && drawn.length == gradientSum.length) {
      GaussianNoise.addDrawn(gradientSum, drawn);
      drawnStep = -1;
    } else {
      noise.add(gradientSum, config.noiseStddev(), globalStep);
    }
  }

  /** ε at the run's δ after {@code epochs} full epochs (+∞ without clipping or without noise). */
  double epsilonAfter(int epochs) {
    if (Double.isInfinite(config.clip())) {
      return Double.POSITIVE_INFINITY;
    }
    return RdpAccountant.epsilon(sampling.rate(), config.noiseMultiplier(), (long) epochs * sampling.stepsPerEpoch(),
        config.delta());
  }

  /** Refuses a target that even the first epoch would exceed. */
  void checkTargetReachable() {
    if (config.hasTarget() && epsilonAfter(1) > config.targetEpsilon()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "--dp-target-epsilon %s: one epoch already "
          + "spends epsilon %.4g at delta %s; raise the target or --dp-noise, or lower --batch-size",
          config.targetEpsilon(), epsilonAfter(1), config.delta()));
    }
  }

  /** The line that says why training stops before {@code epoch}, or null if the epoch stays within the target. */
  String stopBefore(int epoch) {
    if (!config.hasTarget() || epsilonAfter(epoch) <= config.targetEpsilon()) {
      return null;
    }
    return String.format(Locale.ROOT, "dp: stopping before epoch %d: it would spend epsilon %.4g > "
        + "--dp-target-epsilon %s (epsilon after epoch %d: %.4g)", epoch, epsilonAfter(epoch),
        config.targetEpsilon(), epoch - 1, epsilonAfter(epoch - 1));
  }

  /** A one-line description for the start of the run. */
  String describe() {
    return String.format(Locale.ROOT, "dp-sgd: %s; Poisson sampling q = %.6g (expected batch %d), %d steps/epoch; "
        + "RDP accountant (sampled Gaussian, Mironov et al. 2019), noise %s", config.describe(), sampling.rate(),
        sampling.expectedBatchSize(), sampling.stepsPerEpoch(), noise.isSecure() ? "SecureRandom" : "seeded");
  }
}
