package dev.nabla.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The lines printed when a run ends: epochs, best validation metric and its epoch, time, where outputs went. */
public final class RunSummary {
  private RunSummary() {
  }

  /**
   * @param keptEpoch the epoch whose parameters were kept
   * @param outputs what → where, e.g. {@code model → /models/mnist}; in print order
   */
  public static List<String> lines(List<EpochMetrics> history, int keptEpoch, double seconds,
      Map<String, String> outputs) {
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "summary: %d epochs in %s (kept epoch %d)", history.size(),
        Progress.duration(seconds), keptEpoch));
    for (String metric : List.of("accuracy", "loss", "rmse")) {
      boolean higherBetter = metric.equals("accuracy");
      EpochMetrics best = null;
      for (EpochMetrics m : history) {
        double v = m.validationMetric(metric);
        if (!Double.isNaN(v) && (best == null
            || (higherBetter ? v > best.validationMetric(metric) : v < best.validationMetric(metric)))) {
          best = m;
        }
      }
      if (best != null) {
        out.add(String.format(Locale.ROOT, "  best validation %s %.5f at epoch %d", metric,
            best.validationMetric(metric), best.epoch()));
        break;
      }
    }
    outputs.forEach((what, where) -> out.add("  " + what + ": " + where));
    return out;
  }
}
