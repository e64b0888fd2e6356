/**
 * The math of a multilayer perceptron, without Spark: activations, losses, topology and the flat
 * parameter layout, initialisation, and batch forward/backward propagation (BP1–BP4 in
 * {@link dev.nabla.nn.Backprop}), and the measures behind the training-health diagnostics: per-layer norms
 * ({@link dev.nabla.nn.LayerNorms}) and saturated or dead units ({@link dev.nabla.nn.Saturation}).
 *
 * <p>Every batch is a column-major matrix with one column per sample. The inputs X, read by layer 1 only,
 * are {@link dev.nabla.nn.Inputs}: dense ({@link dev.nabla.nn.DenseInputs}, a GEMM each way) or sparse
 * ({@link dev.nabla.nn.SparseInputs}, compressed columns, one axpy per non-zero each way, never densified);
 * from A¹ on everything is dense.
 *
 * <p>One source for both precisions: BP1–BP4 are written once against {@link dev.nabla.nn.Products}, the small set of
 * typed kernels (GEMM, element-wise activation, sums) of a {@link dev.nabla.nn.Precision}; float64 calls dgemm,
 * float32 keeps its workspaces and batch buffers in float and calls sgemm, with parameters rounded from the float64
 * master copy. {@link dev.nabla.nn.Blas} chooses the BLAS (the system's native library, the bundled OpenBLAS, or
 * netlib's Java fallback) and reports it in one line. Nothing in this package imports Spark or any other Nabla package;
 * everything else depends on it.
 */
package dev.nabla.nn;
