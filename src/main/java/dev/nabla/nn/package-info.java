/**
 * The math of a multilayer perceptron, without Spark: activations, losses, topology and the flat
 * parameter layout, initialisation, and batch forward/backward propagation (BP1–BP4 in
 * {@link dev.nabla.nn.Backprop}).
 *
 * <p>Every batch is a column-major matrix with one column per sample. Nothing in this package imports
 * Spark or any other Nabla package; everything else depends on it.
 */
package dev.nabla.nn;
