/**
 * Models that leave Spark: a trained {@link dev.nabla.model.Model} as an ONNX file
 * ({@link dev.nabla.export.OnnxExport}) that serving runtimes score with no Spark and no Nabla.
 *
 * <ul>
 *   <li>{@link dev.nabla.export.OnnxExport}: the file's inputs, outputs and versions; bytes or an atomic
 *       write through the Hadoop FileSystem API.</li>
 *   <li>{@code NetworkGraph}: the graph (Gemm per layer, the activation's operator, probability and label,
 *       or prediction), built with Tribuo's ONNX builder ({@code org.tribuo.util.onnx}) over the classes
 *       protoc generated from {@code onnx-ml.proto}; {@code OnnxOps} describes the standard operators
 *       Tribuo does not list; {@code ActivationOps} maps each activation to its operator;
 *       {@code Float32Layer} rounds a layer's folded parameters to float32 and refuses values beyond its
 *       range.</li>
 *   <li>{@code OnnxMetadata}: the manifest as {@code metadata_props}.</li>
 * </ul>
 *
 * <p>This package imports {@code dev.nabla.model}, {@code dev.nabla.nn}, Hadoop's FileSystem API and
 * Tribuo; never Spark, nor any Nabla package above {@code model}. {@code cli} and {@code ml} call it.
 * In the application jar, protobuf and Tribuo are relocated under {@code dev.nabla.shaded} (Spark ships its
 * own protobuf-java).
 */
package dev.nabla.export;
