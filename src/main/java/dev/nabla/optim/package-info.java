/**
 * What the driver does to the parameters between two gradient jobs, over flat arrays in the layout of
 * {@link dev.nabla.nn.Topology}; no Spark.
 *
 * <ul>
 *   <li>Optimizers ({@link dev.nabla.optim.Optimizer}): {@link dev.nabla.optim.Sgd},
 *       {@link dev.nabla.optim.Momentum}, {@link dev.nabla.optim.Nesterov}, {@link dev.nabla.optim.AdaGrad},
 *       {@link dev.nabla.optim.RmsProp}, {@link dev.nabla.optim.Adam}, {@link dev.nabla.optim.AdamW}, each
 *       citing its paper and keeping its defaults in {@code DEFAULT_*} constants; built by name with
 *       {@link dev.nabla.optim.Optimizers#create} from an {@link dev.nabla.optim.OptimizerConfig}. An
 *       optimizer owns its state (velocity, moments, step count); the layers never do. Every update is
 *       element-wise, so it can run as ranges through a {@link dev.nabla.optim.Split} (the training loop shares
 *       it with the local stream's waiting threads) with the same bits.</li>
 *   <li>Learning-rate schedules ({@link dev.nabla.optim.LearningRateSchedule}): constant, step,
 *       exponential, inverse-time, cosine (with SGDR restarts), reduce-on-plateau, and a linear warmup in
 *       front of any; built with {@link dev.nabla.optim.Schedules} from a
 *       {@link dev.nabla.optim.ScheduleConfig}.</li>
 *   <li>{@link dev.nabla.optim.Regularization} (L1/L2 on the MEAN gradient and loss, biases excluded by
 *       default) and {@link dev.nabla.optim.Clipping} (global norm or value).</li>
 * </ul>
 *
 * <p>Per step, on the driver: g = the batch's MEAN gradient; regularization adds its gradient; clipping
 * clips g; the optimizer applies θ ← update(θ, g, η) with η = schedule.rate(t). Both optimizer and
 * schedule state round-trip through {@code Map<String, double[]>} for checkpoints, so a resumed run
 * continues bit for bit.
 */
package dev.nabla.optim;
