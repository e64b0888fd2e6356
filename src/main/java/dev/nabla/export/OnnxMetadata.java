package dev.nabla.export;

import dev.nabla.model.Manifest;
import dev.nabla.model.Task;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The model's manifest as ONNX {@code metadata_props} (string → string; ONNX Runtime's
 * {@code OnnxModelMetadata.getCustomMetadata()} returns them):
 * <pre>
 *   nabla.version          the Nabla version that trained the model
 *   nabla.spark_version    the Spark version it trained on
 *   nabla.created_at       when it was trained (ISO-8601)
 *   nabla.task             classification | regression
 *   nabla.layers           n_0,…,n_L, e.g. 784,128,10
 *   nabla.activations      σ^1,…,σ^L, e.g. relu,softmax
 *   nabla.loss             the training loss
 *   nabla.num_classes      k (classification only): label is the class index 0..k−1
 *   nabla.scaling          none | standard | minmax: fitted at training, folded into layer 1, so inputs are RAW
 *   nabla.seed             the run's seed
 *   nabla.data.NAME        each of the manifest's data entries (train, validation, test paths; format)
 *   nabla.metric.NAME      each final metric (e.g. test_accuracy)
 *   nabla.manifest         the whole manifest.json
 * </pre>
 */
final class OnnxMetadata {
  private OnnxMetadata() {
  }

  /** The entries, in the order above. */
  static Map<String, String> of(Manifest m) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("nabla.version", m.nablaVersion());
    p.put("nabla.spark_version", m.sparkVersion());
    p.put("nabla.created_at", m.createdAt());
    p.put("nabla.task", m.task().cliName());
    p.put("nabla.layers", Arrays.stream(m.layers()).mapToObj(Integer::toString).collect(Collectors.joining(",")));
    p.put("nabla.activations", String.join(",", m.activations()));
    p.put("nabla.loss", m.loss());
    if (m.task() == Task.CLASSIFICATION) {
      p.put("nabla.num_classes", Integer.toString(m.numClasses()));
    }
    p.put("nabla.scaling", m.scaling());
    p.put("nabla.seed", Long.toString(m.seed()));
    m.dataPaths().forEach((k, v) -> p.put("nabla.data." + k, v));
    m.finalMetrics().forEach((k, v) -> p.put("nabla.metric." + k, Double.toString(v)));
    p.put("nabla.manifest", m.toJson());
    return p;
  }
}
