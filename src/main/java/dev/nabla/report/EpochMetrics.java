package dev.nabla.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch measured.
 *
 * @param epoch 1-based
 * @param trainLoss MEAN training loss over the epoch's samples (Σ C_x over its steps / samples)
 * @param validation validation metrics by name (e.g. loss, accuracy; or loss, mse, rmse, mae, r2); empty
 *     without validation data
 * @param learningRate η used in the epoch's last step
 * @param samplesPerSecond training samples / the epoch's step time (evaluation excluded)
 * @param epochSeconds the epoch's wall time, evaluation included
 * @param wallSeconds seconds since training began (data loading excluded, evaluation included)
 * @param epsilon the differential-privacy ε spent by the end of this epoch (at the run's δ), NaN when the
 *     run is not differentially private
 */
public record EpochMetrics(int epoch, double trainLoss, Map<String, Double> validation, double learningRate,
    double samplesPerSecond, double epochSeconds, double wallSeconds, double epsilon) {

  public EpochMetrics {
    validation = Map.copyOf(validation);
    if (!Double.isNaN(epsilon) && !(epsilon >= 0)) {
      throw new IllegalArgumentException("epsilon must be ≥ 0 (or NaN for a non-private run), got " + epsilon);
    }
  }

  /** Metrics of a run without differential privacy (ε = NaN). */
  public EpochMetrics(int epoch, double trainLoss, Map<String, Double> validation, double learningRate,
      double samplesPerSecond, double epochSeconds, double wallSeconds) {
    this(epoch, trainLoss, validation, learningRate, samplesPerSecond, epochSeconds, wallSeconds, Double.NaN);
  }

  /** The same metrics with the given ε. */
  public EpochMetrics withEpsilon(double eps) {
    return new EpochMetrics(epoch, trainLoss, validation, learningRate, samplesPerSecond, epochSeconds, wallSeconds,
        eps);
  }

  /** Whether the run was differentially private (ε is a number). */
  public boolean isPrivate() {
    return !Double.isNaN(epsilon);
  }

  /** A validation metric, or NaN when absent. */
  public double validationMetric(String name) {
    Double v = validation.get(name);
    return v == null ? Double.NaN : v;
  }

  /**
   * The JSON-lines object of the metrics file: epoch, train_loss, val_* , learning_rate, samples_per_s, epoch_s,
   * wall_s, and epsilon for a differentially private run (a string "Infinity" when no guarantee holds).
   */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epoch", epoch);
    m.put("train_loss", trainLoss);
    new java.util.TreeMap<>(validation).forEach((k, v) -> m.put("val_" + k, v));
    m.put("learning_rate", learningRate);
    m.put("samples_per_s", samplesPerSecond);
    m.put("epoch_s", epochSeconds);
    m.put("wall_s", wallSeconds);
    if (isPrivate()) {
      m.put("epsilon", Double.isInfinite(epsilon) ? (Object) "Infinity" : (Object) epsilon);
    }
    return m;
  }
}
