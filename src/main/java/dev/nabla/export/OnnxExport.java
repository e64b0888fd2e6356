package dev.nabla.export;

import ai.onnx.proto.OnnxMl;
import dev.nabla.model.AtomicOutput;
import dev.nabla.model.Model;
import dev.nabla.model.Versions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.tribuo.util.onnx.ONNXOperators;

/**
 * Exports a {@link Model} as an ONNX file that serving runtimes (ONNX Runtime, …) score without Spark or
 * Nabla. The graph ({@link NetworkGraph}) takes RAW features: the model's fitted scaling is folded into
 * layer 1 in float64, then every parameter is rounded to float32.
 *
 * <table>
 *   <caption>Inputs and outputs (N = any number of rows)</caption>
 *   <tr><th>name</th><th>type, shape</th><th>what</th></tr>
 *   <tr><td>{@value #INPUT}</td><td>float32 [N, n_0]</td><td>the raw features, one row per sample</td></tr>
 *   <tr><td>{@value #PROBABILITY}</td><td>float32 [N, k]</td><td>classification: the output activations (softmax:
 *       class probabilities); a one-unit model gives (1 − a, a)</td></tr>
 *   <tr><td>{@value #LABEL}</td><td>int64 [N]</td><td>classification: the class index, arg max of probability</td></tr>
 *   <tr><td>{@value #PREDICTION}</td><td>float32 [N, n_L]</td><td>regression: every target</td></tr>
 * </table>
 *
 * ONNX IR version {@value #IR_VERSION}, operator set {@value #OPSET} (default domain); producer "Nabla" and
 * the exporting Nabla's version; the manifest in {@code metadata_props} ({@link OnnxMetadata}).
 */
public final class OnnxExport {
  /** The input: raw features, float32 [N, n_0]. */
  public static final String INPUT = "features";
  /** Classification output: float32 [N, k]. */
  public static final String PROBABILITY = "probability";
  /** Classification output: int64 [N], the class index. */
  public static final String LABEL = "label";
  /** Regression output: float32 [N, n_L]. */
  public static final String PREDICTION = "prediction";
  /** The ONNX operator set the graph uses (Tribuo's). */
  public static final int OPSET = 13;
  /** The ONNX IR version written: 7, the one released with operator set 13. */
  public static final int IR_VERSION = OnnxMl.Version.IR_VERSION_2020_5_8_VALUE;

  private OnnxExport() {
  }

  /**
   * The ONNX model of {@code m}, serialized.
   *
   * @throws NotExportableException naming the layer when {@code m} cannot be expressed (a parameter beyond
   *     float32's range)
   */
  public static byte[] toBytes(Model m) {
    if (ONNXOperators.getOpsetVersion() != OPSET) {
      throw new IllegalStateException("Tribuo's ONNX operators are of opset " + ONNXOperators.getOpsetVersion()
          + " but Nabla's exporter was written for opset " + OPSET + "; use tribuo-util-onnx as the pom pins it");
    }
    OnnxMl.ModelProto.Builder proto = OnnxMl.ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(ONNXOperators.getOpsetProto())
        .setProducerName("Nabla")
        .setProducerVersion(Versions.nabla())
        .setDomain("dev.nabla")
        .setModelVersion(1)
        .setDocString("Nabla multilayer perceptron " + m.topology() + ", " + m.task() + ", scaling "
            + m.scaling().kind() + " folded into layer 1")
        .setGraph(NetworkGraph.of(m));
    OnnxMetadata.of(m.manifest()).forEach((k, v) ->
        proto.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return proto.build().toByteArray();
  }

  /**
   * Writes {@link #toBytes(Model)} to the file {@code path} through the Hadoop {@link FileSystem} API
   * ({@code file:}, {@code hdfs:}, {@code s3a:}), atomically: to a temporary sibling, then renamed
   * ({@link AtomicOutput}). A model that cannot be exported writes nothing.
   *
   * @throws OutputExistsException when the file exists and {@code overwrite} is false
   * @throws NotExportableException as {@link #toBytes(Model)}
   * @throws IllegalArgumentException when {@code path} is a directory or a file system root
   * @throws UncheckedIOException on a file system error, naming the path
   */
  public static void write(Model m, String path, boolean overwrite, Configuration conf) {
    byte[] bytes = toBytes(m);
    Path file = new Path(path);
    // A private instance (not Hadoop's shared cache) so that switching off the local file system's .crc
    // side file affects nobody else: a served model file stands alone.
    try (FileSystem fs = FileSystem.newInstance(file.toUri(), conf)) {
      fs.setWriteChecksum(false);
      file = fs.makeQualified(file);
      if (file.getParent() == null) {
        throw new IllegalArgumentException("ONNX output " + path + " is a file system root; name a file such as model.onnx");
      }
      if (fs.exists(file) && fs.getFileStatus(file).isDirectory()) {
        throw new IllegalArgumentException("ONNX output " + path + " is a directory; name a file such as "
            + new Path(path, "model.onnx"));
      }
      AtomicOutput.publish(fs, file, overwrite, (f, tmp) -> {
        try (OutputStream out = f.create(tmp, false)) {
          out.write(bytes);
        }
      }, () -> new OutputExistsException(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write ONNX model to " + path + ": " + e.getMessage(), e);
    }
  }
}
