/**
 * Full-batch L-BFGS through Breeze's {@code breeze.optimize.LBFGS}, as Spark MLlib's MLP uses it: {@link
 * dev.nabla.train.lbfgs.LbfgsTrainer} minimizes the {@link dev.nabla.train.lbfgs.FullBatchObjective} (mean loss
 * plus an L2 penalty), each evaluation one {@link dev.nabla.train.FullBatchJob} pass over all cached rows;
 * {@link dev.nabla.train.lbfgs.BreezeFunction} adapts a Java function to Breeze's Scala trait. Uses the training
 * package; nothing there uses it.
 */
package dev.nabla.train.lbfgs;
