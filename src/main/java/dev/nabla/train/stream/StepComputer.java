package dev.nabla.train.stream;

import dev.nabla.data.ShardGroup;
import dev.nabla.nn.GradientSum;
import java.io.Serializable;

/**
 * What a stream task computes at every step: its training partition's share of the step, the same as the step's
 * one-job-per-step task would (same rows, seeds and buffers).
 */
@FunctionalInterface
public interface StepComputer extends Serializable {
  /**
   * Partition {@code partition}'s gradient SUMS of step {@code step} of {@code epoch} at {@code theta} (only read),
   * or null when it has no row in the step. The result may be the partition's own reused buffer: the caller may add
   * into it, and it is valid until the partition's next step.
   */
  GradientSum compute(ShardGroup group, int partition, int epoch, int step, double[] theta);

  /**
   * Whether every gradient entry {@link #compute} returns is a float32 value already (a float32 step's SUMS are), so
   * that a float32 transfer need not round them again (rounding twice changes nothing).
   */
  default boolean float32Sums() {
    return false;
  }
}
