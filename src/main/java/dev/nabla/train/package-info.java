/**
 * The distributed training loop: epochs, steps, the per-step Spark job ({@link dev.nabla.train.StepJob}),
 * the seeded batch schedule ({@link dev.nabla.train.BatchSchedule}), divergence checks and per-epoch
 * evaluation. The only package that runs Spark jobs in the loop.
 */
package dev.nabla.train;
