/**
 * The distributed training loop: epochs and steps, run by a {@link dev.nabla.train.Stepper} either through the
 * epoch's tree stream ({@link dev.nabla.train.stream}) or as one Spark job per step ({@link dev.nabla.train.StepJob}),
 * every engine adding the partitions' SUMS in the same tree's order; which rows make up each step
 * ({@link dev.nabla.train.BatchSchedule}: a seeded shuffle through windows of whole shards, so a partition reads each
 * of its cached shards once per epoch, {@link dev.nabla.train.WindowPlan}) and how a step gathers them out of the
 * blocks ({@link dev.nabla.train.StepRows}); divergence checks; per-epoch evaluation and training-health diagnostics
 * ({@link dev.nabla.train.HealthProbe}); Poisson-sampled batches and the driver's side of DP-SGD
 * ({@link dev.nabla.train.PoissonSampling}, {@link dev.nabla.train.PrivacyLedger}); the memory a run needs, checked
 * before it starts ({@link dev.nabla.train.MemoryBudget}). The only package (with its two sub-packages) that runs
 * Spark jobs in the loop.
 *
 * <p>Arrows: {@code train.lbfgs} (full-batch L-BFGS) uses this package; this package uses {@code train.stream}
 * (the transport); neither sub-package is used the other way.
 */
package dev.nabla.train;
