package dev.nabla.report;

import java.util.LinkedHashMap;
import java.util.List;
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
 * @param layers per-layer gradient norms and saturation, layer 1 first; empty when not measured (L-BFGS, or
 *     epochs restored from a checkpoint)
 * @param epsilon the differential-privacy ε spent by the end of this epoch (at the run's δ), NaN when the
 *     run is not differentially private
 * @param traffic what the step stream moved, null when it carried no step of the epoch
 */
public record EpochMetrics(int epoch, double trainLoss, Map<String, Double> validation, double learningRate,
    double samplesPerSecond, double epochSeconds, double wallSeconds, List<LayerHealth> layers, double epsilon,
    StepTraffic traffic) {

  public EpochMetrics {
    validation = Map.copyOf(validation);
    layers = List.copyOf(layers);
    if (!Double.isNaN(epsilon) && !(epsilon >= 0)) {
      throw new IllegalArgumentException("epsilon must be ≥ 0 (or NaN for a non-private run), got " + epsilon);
    }
  }

  /** Metrics without stream traffic. */
  public EpochMetrics(int epoch, double trainLoss, Map<String, Double> validation, double learningRate,
      double samplesPerSecond, double epochSeconds, double wallSeconds, List<LayerHealth> layers, double epsilon) {
    this(epoch, trainLoss, validation, learningRate, samplesPerSecond, epochSeconds, wallSeconds, layers, epsilon,
        null);
  }

  /** Metrics without layer diagnostics of a run without differential privacy (ε = NaN). */
  public EpochMetrics(int epoch, double trainLoss, Map<String, Double> validation, double learningRate,
      double samplesPerSecond, double epochSeconds, double wallSeconds) {
    this(epoch, trainLoss, validation, learningRate, samplesPerSecond, epochSeconds, wallSeconds, List.of(),
        Double.NaN);
  }

  /** Metrics with layer diagnostics of a run without differential privacy (ε = NaN). */
  public EpochMetrics(int epoch, double trainLoss, Map<String, Double> validation, double learningRate,
      double samplesPerSecond, double epochSeconds, double wallSeconds, List<LayerHealth> layers) {
    this(epoch, trainLoss, validation, learningRate, samplesPerSecond, epochSeconds, wallSeconds, layers,
        Double.NaN);
  }

  /** The same metrics with the given ε. */
  public EpochMetrics withEpsilon(double eps) {
    return new EpochMetrics(epoch, trainLoss, validation, learningRate, samplesPerSecond, epochSeconds, wallSeconds,
        layers, eps, traffic);
  }

  /** The same metrics with the stream's traffic (null: none). */
  public EpochMetrics withTraffic(StepTraffic t) {
    return new EpochMetrics(epoch, trainLoss, validation, learningRate, samplesPerSecond, epochSeconds, wallSeconds,
        layers, epsilon, t);
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
   * The JSON-lines object of the metrics file: type epoch, epoch, train_loss, val_*, learning_rate,
   * samples_per_s, epoch_s, wall_s, with layer diagnostics grad_norm and saturation (objects keyed
   * layer1, layer2, …; saturation lists the layers that are measured), and epsilon for a differentially
   * private run (a string "Infinity" when no guarantee holds), and traffic (streamed_steps, driver_bytes_per_step,
   * max_task_bytes_per_step) when the step stream carried steps.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "epoch");
    m.put("epoch", epoch);
    m.put("train_loss", trainLoss);
    new java.util.TreeMap<>(validation).forEach((k, v) -> m.put("val_" + k, v));
    m.put("learning_rate", learningRate);
    m.put("samples_per_s", samplesPerSecond);
    m.put("epoch_s", epochSeconds);
    m.put("wall_s", wallSeconds);
    if (!layers.isEmpty()) {
      Map<String, Object> norms = new LinkedHashMap<>();
      Map<String, Object> saturation = new LinkedHashMap<>();
      for (LayerHealth h : layers) {
        norms.put(h.key(), h.gradNorm());
        if (!h.measure().equals("none")) {
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("activation", h.activation());
          s.put(h.measure(), h.fraction());
          saturation.put(h.key(), s);
        }
      }
      m.put("grad_norm", norms);
      m.put("saturation", saturation);
    }
    if (isPrivate()) {
      m.put("epsilon", Double.isInfinite(epsilon) ? (Object) "Infinity" : (Object) epsilon);
    }
    if (traffic != null) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("streamed_steps", traffic.streamedSteps());
      t.put("driver_bytes_per_step", traffic.driverBytesPerStep());
      t.put("max_task_bytes_per_step", traffic.maxTaskBytesPerStep());
      m.put("traffic", t);
    }
    return m;
  }
}
