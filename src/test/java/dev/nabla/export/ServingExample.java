package dev.nabla.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;

/**
 * The README's serving example: a file {@code nabla export} wrote, scored with ONNX Runtime's Java API
 * (Maven {@code com.microsoft.onnxruntime:onnxruntime}), no Spark and no Nabla on the class path.
 * {@code ServingExampleTest} runs it.
 */
public final class ServingExample {
  /** The two classification outputs for a batch, and one metadata entry. */
  public record Scored(float[][] probability, long[] label, String layers) {
  }

  private ServingExample() {
  }

  /** Scores {@code x} (RAW features, one row per sample) with the classifier in {@code onnxFile}. */
  public static Scored score(String onnxFile, float[][] x) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnxFile, new OrtSession.SessionOptions());
         OnnxTensor features = OnnxTensor.createTensor(env, x);          // float32 [N, n0], raw features
         OrtSession.Result out = session.run(Map.of("features", features))) {
      float[][] probability = (float[][]) out.get("probability").get().getValue();  // [N, k]
      long[] label = (long[]) out.get("label").get().getValue();                    // [N], class index
      String layers = session.getMetadata().getCustomMetadata().get("nabla.layers"); // e.g. "784,128,10"
      return new Scored(probability, label, layers);
    }
  }
}
