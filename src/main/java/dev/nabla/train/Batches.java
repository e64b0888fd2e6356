package dev.nabla.train;

import dev.nabla.nn.GradientSum;
import org.apache.spark.broadcast.Broadcast;

/**
 * The step's Spark job as the training loop sees it: which rows form step s of an epoch (fixed-size
 * shuffled batches, {@link StepJob}, or Poisson-sampled ones, {@link PoissonStepJob}) and what the
 * step's gradient SUM is divided by.
 */
interface Batches {

  /** Steps in one epoch. */
  int stepsPerEpoch();

  /**
   * Runs step {@code step} (0-based) of {@code epoch} (0-based) as one Spark job; returns the batch's SUMS
   * (not divided).
   */
  GradientSum run(Broadcast<byte[]> params, int epoch, int step);

  /** The step's task for any (epoch, step): what {@link #run} runs, and what a {@code stream.TreeStream} runs on the executors. */
  StepTask.Factory tasks();

  /** The training partitions the tasks run on. */
  org.apache.spark.api.java.JavaRDD<dev.nabla.data.ShardGroup> data();

  /** What the step's SUM is divided by: the batch's sample count, or under Poisson sampling the EXPECTED batch size. */
  double divisor(GradientSum sum);

  /** Whether a step with an empty batch is skipped (fixed batches) or still updates (Poisson: the noise). */
  boolean skipsEmptySteps();
}
