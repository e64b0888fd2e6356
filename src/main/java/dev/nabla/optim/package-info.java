/**
 * Optimizers over flat parameter arrays (the layout of {@link dev.nabla.nn.Topology}). An optimizer
 * owns its state (momentum, moments); the layers never do. The driver applies the update once per step
 * to the MEAN gradient of the step's batch.
 */
package dev.nabla.optim;
