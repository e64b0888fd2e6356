package dev.nabla.train;

import dev.nabla.nn.Topology;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.LearningRateSchedule;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.Optimizers;
import dev.nabla.optim.Regularization;
import dev.nabla.optim.ScheduleConfig;
import dev.nabla.optim.Schedules;

/**
 * How the driver turns a step's mean gradient into an update: regularization gradient added, clipping,
 * the learning rate from the schedule, the optimizer. Validated; the objects are built per run by
 * {@link #start}, once the number of steps is known.
 *
 * @param optimizer one of {@link Optimizers#NAMES}
 * @param optimizerConfig its hyper-parameters (unset = the optimizer's defaults)
 * @param schedule the learning-rate schedule
 * @param l1 L1 penalty λ1 ≥ 0
 * @param l2 L2 penalty λ2 ≥ 0
 * @param regularizeBiases whether the penalties also apply to biases (default no)
 * @param clipping gradient clipping of the mean gradient
 */
public record Optimization(String optimizer, OptimizerConfig optimizerConfig, ScheduleConfig schedule, double l1,
    double l2, boolean regularizeBiases, Clipping clipping) {

  public Optimization {
    if (optimizer == null || !Optimizers.NAMES.contains(optimizer)) {
      throw new IllegalArgumentException("optimizer: unknown optimizer '" + optimizer + "'; expected one of "
          + String.join(", ", Optimizers.NAMES));
    }
    if (!(l1 >= 0) || Double.isInfinite(l1)) {
      throw new IllegalArgumentException("l1 must be a number ≥ 0, got " + l1);
    }
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("l2 must be a number ≥ 0, got " + l2);
    }
    optimizerConfig = optimizerConfig == null ? OptimizerConfig.DEFAULTS : optimizerConfig;
    schedule = schedule == null ? ScheduleConfig.of("constant") : schedule;
    clipping = clipping == null ? Clipping.none() : clipping;
  }

  /** Plain SGD with a constant learning rate, no regularization, no clipping. */
  public static Optimization sgd() {
    return new Optimization("sgd", null, null, 0, 0, false, null);
  }

  /** An optimizer by name with its defaults and a constant learning rate. */
  public static Optimization of(String optimizer) {
    return new Optimization(optimizer, null, null, 0, 0, false, null);
  }

  /** The run's objects: fresh optimizer state, schedule at step 0. */
  Run start(Topology t, double baseRate, long stepsPerEpoch, long totalSteps) {
    return new Run(Optimizers.create(optimizer, optimizerConfig, t.numParams(), t),
        Schedules.create(schedule, baseRate, stepsPerEpoch, totalSteps),
        Regularization.of(t, l1, l2, regularizeBiases), clipping);
  }

  /** The live objects of one run. */
  record Run(Optimizer optimizer, LearningRateSchedule schedule, Regularization regularization, Clipping clipping) {
  }
}
