/**
 * The distributed training loop: epochs, steps (run by a {@link dev.nabla.train.Stepper}: one long-lived
 * Spark job per epoch whose tasks exchange θ and gradient sums with the driver, {@link dev.nabla.train.StepStream},
 * or one Spark job per step, {@link dev.nabla.train.StepJob}),
 * the seeded batch schedule ({@link dev.nabla.train.BatchSchedule}), divergence checks, per-epoch
 * evaluation and training-health diagnostics (per-layer gradient norms; saturated and dead units measured
 * by the small {@link dev.nabla.train.HealthProbe} job); full-batch L-BFGS through Breeze
 * ({@link dev.nabla.train.LbfgsTrainer}), one {@link dev.nabla.train.FullBatchJob} pass over all cached
 * rows per function evaluation; Poisson-sampled batches ({@link dev.nabla.train.PoissonSampling},
 * {@link dev.nabla.train.PoissonStepJob}) and the driver's side of DP-SGD (noise and ε per epoch,
 * {@link dev.nabla.train.PrivacyLedger}). The only package that runs Spark jobs in the loop.
 */
package dev.nabla.train;
