/**
 * A trained model and everything around it: the preprocessing that was fitted with it
 * ({@link dev.nabla.model.Scaling}, fitted from mergeable {@link dev.nabla.model.FeatureStats}),
 * the {@link dev.nabla.model.Model} itself (topology + flat parameters + scaling) with batch inference
 * on arrays and on Spark DataFrames, saving and loading on any Hadoop file system
 * ({@link dev.nabla.model.ModelIO}, atomic through {@link dev.nabla.model.AtomicOutput}, checksummed), the human-readable
 * {@link dev.nabla.model.Manifest}, and mergeable evaluation metrics
 * ({@link dev.nabla.model.ClassificationMetrics}, {@link dev.nabla.model.RegressionMetrics}).
 *
 * <h2>A model directory</h2>
 * <pre>
 *   PATH/manifest.json  pretty JSON: versions, topology, task, scaling kind, seed, hyper-parameters, metrics
 *   PATH/params.bin     the flat parameter array (layout in {@link dev.nabla.nn.Topology})
 *   PATH/scaling.bin    the per-feature shift (n_0 values) then factor (n_0 values)
 * </pre>
 * Both binary files are: magic (4 bytes), format version (int), length (int), that many big-endian
 * doubles, and a CRC32 (int) of everything before it. See {@link dev.nabla.model.ModelIO}.
 *
 * <p>This package imports {@code dev.nabla.nn}, Spark, Hadoop and Jackson; it never imports
 * {@code dev.nabla.data}, {@code dev.nabla.train} or {@code dev.nabla.cli}.
 */
package dev.nabla.model;
