package dev.nabla.cli;

import dev.nabla.privacy.RdpAccountant;
import dev.nabla.train.PoissonSampling;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nabla privacy}: the ε a DP-SGD run would spend, before running it; no Spark, no data. */
@Command(name = "privacy", mixinStandardHelpOptions = true,
    description = {"Prints the (epsilon, delta) a DP-SGD run with these settings would spend.",
        "Poisson sampling with q = m/N, round(N/m) steps per epoch, noise multiplier sigma; RDP accountant",
        "of the sampled Gaussian mechanism. Last line: 'epsilon: <value>'. Exit status 0, or 2 for bad",
        "arguments. Needs no Spark."})
final class PrivacyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--n", required = true, description = "Training rows N.")
  long n;

  @Option(names = "--batch-size", required = true, description = "Expected batch size m (1 ≤ m ≤ N).")
  int batchSize;

  @Option(names = "--noise", required = true, description = "Noise multiplier σ (≥ 0).")
  double noise;

  @Option(names = "--epochs", required = true, description = "Epochs E (≥ 0).")
  int epochs;

  @Option(names = "--delta", required = true, description = "δ in (0, 1), e.g. 1e-5.")
  double delta;

  @Override
  public Integer call() {
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new UsageException("--n must be an integer in [1, 2^31 − 1], got " + n);
    }
    if (batchSize < 1 || batchSize > n) {
      throw new UsageException("--batch-size must be in [1, " + n + "] (--n), got " + batchSize);
    }
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new UsageException("--noise must be a finite number ≥ 0, got " + noise);
    }
    if (epochs < 0) {
      throw new UsageException("--epochs must be ≥ 0, got " + epochs);
    }
    if (!(delta > 0 && delta < 1)) {
      throw new UsageException("--delta must be in (0, 1), e.g. 1e-5, got " + delta);
    }
    int perEpoch = PoissonSampling.stepsPerEpoch(n, batchSize);
    long steps = (long) perEpoch * epochs;
    double q = (double) batchSize / n;
    RdpAccountant.Spent spent = RdpAccountant.spent(q, noise, steps, delta);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "sampling: Poisson, q = %d/%d = %.6g%n", batchSize, n, q);
    out.printf(Locale.ROOT, "steps: %d (%d per epoch x %d epochs), noise multiplier %s, delta %s%n", steps, perEpoch,
        epochs, noise, delta);
    out.printf(Locale.ROOT, "accountant: RDP of the sampled Gaussian mechanism, integer orders 2..512, best order %d%n",
        spent.order());
    out.printf(Locale.ROOT, "epsilon (classic conversion, for comparison): %.6g%n",
        RdpAccountant.classicEpsilon(q, noise, steps, delta));
    out.printf(Locale.ROOT, "epsilon: %.6g%n", spent.epsilon());
    out.flush();
    return ExitStatus.OK;
  }
}
