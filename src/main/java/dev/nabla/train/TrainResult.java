package dev.nabla.train;

import dev.nabla.report.EpochMetrics;
import java.util.List;

/**
 * The outcome of a run.
 *
 * @param params the final parameters (flat layout)
 * @param history one entry per epoch
 * @param trainingSeconds wall time of the loop, data loading excluded
 */
public record TrainResult(double[] params, List<EpochMetrics> history, double trainingSeconds) {
}
