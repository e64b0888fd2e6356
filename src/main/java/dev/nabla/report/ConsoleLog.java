package dev.nabla.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * One line per epoch on the console (losses, validation metrics, throughput and time), then the epoch's
 * training-health warnings ({@link Diagnostics}), each on a line starting with {@code warning:}.
 */
public final class ConsoleLog implements TrainingListener {
  private final PrintStream out;

  public ConsoleLog(PrintStream out) {
    this.out = out;
  }

  @Override public void onStart(String description, int epochs, int stepsPerEpoch) {
    out.println("training " + description + ": " + epochs + " epochs of " + stepsPerEpoch + " steps");
  }

  @Override public void onMessage(String line) {
    out.println(line);
  }

  @Override public void onEpoch(EpochMetrics m) {
    out.println(line(m));
    for (String w : Diagnostics.warnings(m.layers())) {
      out.println("warning: epoch " + m.epoch() + ", " + w);
    }
  }

  /** The epoch line, e.g. {@code epoch 3: train loss 0.12345, val accuracy 0.97000, …}. */
  static String line(EpochMetrics m) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "epoch %d: train loss %.5f", m.epoch(),
        m.trainLoss()));
    for (Map.Entry<String, Double> e : new java.util.TreeMap<>(m.validation()).entrySet()) {
      b.append(String.format(Locale.ROOT, ", val %s %.5f", e.getKey(), e.getValue()));
    }
    b.append(String.format(Locale.ROOT, ", lr %.3g, %.0f samples/s, %.1f s (total %.1f s)", m.learningRate(),
        m.samplesPerSecond(), m.epochSeconds(), m.wallSeconds()));
    if (m.isPrivate()) {
      b.append(String.format(Locale.ROOT, ", epsilon %.4g", m.epsilon()));
    }
    return b.toString();
  }
}
