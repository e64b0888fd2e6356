package dev.nabla.cli;

import dev.nabla.model.ScalingKind;
import dev.nabla.privacy.PrivacyConfig;
import dev.nabla.report.EpochMetrics;
import dev.nabla.train.PoissonSampling;
import dev.nabla.train.TargetScalingKind;
import dev.nabla.train.TrainSettings;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a DP-SGD run records in the model manifest's notes, and its warnings. */
final class PrivacyNotes {
  private PrivacyNotes() {
  }

  /** Adds dp_* notes (guarantee, sampling, accountant, ε spent) for a private run; nothing otherwise. */
  static void add(Map<String, String> notes, PrivacyConfig p, long rows, TrainSettings s, List<EpochMetrics> history) {
    if (p == null) {
      return;
    }
    int m = s.batchSize();
    notes.put("dp_mechanism", "DP-SGD: per-sample clipping to C = " + p.clip() + ", Gaussian noise sigma*C with sigma = "
        + p.noiseMultiplier() + " on each step's clipped sum, divided by the expected batch size " + m);
    notes.put("dp_sampling", String.format(Locale.ROOT, "Poisson, q = %d/%d = %.6g, %d steps per epoch", m, rows,
        (double) m / rows, PoissonSampling.stepsPerEpoch(rows, m)));
    notes.put("dp_accountant", "RDP of the sampled Gaussian mechanism (Mironov, Talwar & Zhang 2019), integer orders "
        + "2..512, (epsilon, delta) by Balle et al. 2020");
    notes.put("dp_delta", Double.toString(p.delta()));
    double eps = history.isEmpty() ? 0 : history.get(history.size() - 1).epsilon();
    notes.put("dp_epsilon", Double.toString(eps));
    notes.put("dp_noise_source", p.secureNoise() ? "SecureRandom" : "seeded from the run seed");
    if (p.hasTarget()) {
      notes.put("dp_target_epsilon", Double.toString(p.targetEpsilon()));
    }
  }

  /** Warns that a scaling fitted on the training rows is not covered by the DP guarantee. */
  static void warnScaling(PrivacyConfig p, ScalingKind scaling, PrintStream out) {
    if (p != null && scaling != ScalingKind.NONE) {
      out.println("dp: warning: --scale " + scaling.cliName() + " is fitted on the training rows without privacy; "
          + "the (epsilon, delta) guarantee covers the parameters, not the scaling (use --scale none)");
    }
  }

  /** Warns that standardized targets (μ and σ of the training rows, folded into the saved model) are not private. */
  static void warnTargetScaling(PrivacyConfig p, TargetScalingKind kind, PrintStream out) {
    if (p != null && kind == TargetScalingKind.STANDARD) {
      out.println("dp: warning: --scale-target standard fits the targets' mean and standard deviation on the training "
          + "rows without privacy and folds them into the saved model; the (epsilon, delta) guarantee does not cover "
          + "them (use --scale-target none, the default under DP-SGD)");
    }
  }

  /** Warns when δ is not well below 1/N (then (ε, δ) permits leaking about one row outright). */
  static void warnLargeDelta(PrivacyConfig p, long rows, PrintStream out) {
    if (p != null && p.delta() >= 1.0 / rows) {
      out.printf(Locale.ROOT, "dp: warning: --dp-delta %s is not below 1/N = %.3g; choose δ well below 1/N%n",
          p.delta(), 1.0 / rows);
    }
  }
}
