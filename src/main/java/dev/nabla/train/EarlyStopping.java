package dev.nabla.train;

import java.util.Map;

/**
 * Stop when a validation metric has not improved by at least {@code minDelta} for {@code patience}
 * epochs, and keep the parameters of the best epoch. Accuracy and R² improve upwards, losses and errors
 * downwards.
 *
 * @param metric a validation metric name: loss, accuracy (classification); loss, mse, rmse, mae, r2 (regression)
 * @param patience epochs without improvement before stopping, ≥ 1
 * @param minDelta the smallest change that counts as an improvement, ≥ 0
 */
public record EarlyStopping(String metric, int patience, double minDelta) {

  public EarlyStopping {
    if (!java.util.List.of("loss", "accuracy", "mse", "rmse", "mae", "r2").contains(metric)) {
      throw new IllegalArgumentException("early-stopping-metric: unknown metric '" + metric
          + "'; expected loss, accuracy, mse, rmse, mae or r2");
    }
    if (patience < 1) {
      throw new IllegalArgumentException("early-stopping-patience must be ≥ 1, got " + patience);
    }
    if (!(minDelta >= 0)) {
      throw new IllegalArgumentException("early-stopping-min-delta must be ≥ 0, got " + minDelta);
    }
  }

  /** Whether larger values of the metric are better. */
  boolean maximizes() {
    return metric.equals("accuracy") || metric.equals("r2");
  }

  /** The metric's value in an epoch's validation results; an error when it is not there. */
  double valueIn(Map<String, Double> validation) {
    Double v = validation.get(metric);
    if (v == null) {
      throw new IllegalStateException("early stopping watches validation " + metric
          + ", which this run does not report (" + validation.keySet() + "); give --validation or "
          + "--validation-fraction and a metric of the task");
    }
    return v;
  }

  /** True when {@code value} improves on {@code best} by at least minDelta. */
  boolean improves(double value, double best) {
    return maximizes() ? value >= best + minDelta && value > best : value <= best - minDelta && value < best;
  }
}
