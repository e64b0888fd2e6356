package dev.nabla.train;

import dev.nabla.report.EpochMetrics;
import java.util.List;

/**
 * The outcome of a run.
 *
 * @param params the final parameters (flat layout)
 * @param history one entry per epoch
 * @param trainingSeconds wall time of the loop, data loading excluded
 * @param keptEpoch the epoch whose parameters these are (the best one under early stopping, else the last)
 */
public record TrainResult(double[] params, List<EpochMetrics> history, double trainingSeconds, int keptEpoch) {

  /** A result that keeps the last epoch. */
  public TrainResult(double[] params, List<EpochMetrics> history, double trainingSeconds) {
    this(params, history, trainingSeconds, history.size());
  }
}
